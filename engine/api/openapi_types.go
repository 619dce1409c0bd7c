package api

// The OpenAPI 3.0.3 object model, as far as twin's document needs it. Each
// object that may be a reference carries a Ref; when Ref is set the other
// fields stay empty, so the JSON is a plain {"$ref": …}. The structs are
// written by hand because the document is only ever encoded: a full OpenAPI
// library (kin-openapi, used by the tests to validate the result) would be a
// large runtime dependency for a write-only job.

// oaDoc is an OpenAPI document.
type oaDoc struct {
	OpenAPI    string                 `json:"openapi"`
	Info       oaInfo                 `json:"info"`
	Servers    []oaServer             `json:"servers,omitempty"`
	Tags       []oaTag                `json:"tags,omitempty"`
	Paths      map[string]*oaPathItem `json:"paths"`
	Components oaComponents           `json:"components"`
	Security   []oaSecurityReq        `json:"security,omitempty"`
}

type oaInfo struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Version     string `json:"version"`
}

type oaServer struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

type oaTag struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// oaSecurityReq maps a security scheme's name to its scopes (always empty
// for bearer tokens, but present: the JSON must be [] rather than null).
type oaSecurityReq map[string][]string

type oaPathItem struct {
	Summary     string       `json:"summary,omitempty"`
	Description string       `json:"description,omitempty"`
	Get         *oaOperation `json:"get,omitempty"`
	Post        *oaOperation `json:"post,omitempty"`
}

type oaOperation struct {
	Tags        []string               `json:"tags,omitempty"`
	Summary     string                 `json:"summary,omitempty"`
	Description string                 `json:"description,omitempty"`
	OperationID string                 `json:"operationId"`
	Parameters  []*oaParameter         `json:"parameters,omitempty"`
	RequestBody *oaRequestBody         `json:"requestBody,omitempty"`
	Responses   map[string]*oaResponse `json:"responses"`
	// Security overrides the document's requirement for this operation: nil
	// inherits it, a pointer to an empty list makes the operation open.
	Security *[]oaSecurityReq `json:"security,omitempty"`
}

type oaParameter struct {
	Ref         string    `json:"$ref,omitempty"`
	Name        string    `json:"name,omitempty"`
	In          string    `json:"in,omitempty"`
	Description string    `json:"description,omitempty"`
	Required    bool      `json:"required,omitempty"`
	Style       string    `json:"style,omitempty"`
	Explode     *bool     `json:"explode,omitempty"`
	Schema      *oaSchema `json:"schema,omitempty"`
	Example     any       `json:"example,omitempty"`
}

type oaRequestBody struct {
	Description string             `json:"description,omitempty"`
	Required    bool               `json:"required,omitempty"`
	Content     map[string]oaMedia `json:"content"`
}

type oaResponse struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Headers     map[string]*oaHeader `json:"headers,omitempty"`
	Content     map[string]oaMedia   `json:"content,omitempty"`
}

type oaHeader struct {
	Description string    `json:"description,omitempty"`
	Required    bool      `json:"required,omitempty"`
	Schema      *oaSchema `json:"schema"`
}

type oaMedia struct {
	Schema *oaSchema `json:"schema"`
}

// oaSchema is an OpenAPI 3.0 schema object (a JSON Schema draft 4/5
// dialect, with nullable instead of type arrays).
type oaSchema struct {
	Ref                  string               `json:"$ref,omitempty"`
	Type                 string               `json:"type,omitempty"`
	Format               string               `json:"format,omitempty"`
	Description          string               `json:"description,omitempty"`
	Nullable             bool                 `json:"nullable,omitempty"`
	Enum                 []any                `json:"enum,omitempty"`
	Default              any                  `json:"default,omitempty"`
	Example              any                  `json:"example,omitempty"`
	Minimum              *float64             `json:"minimum,omitempty"`
	Maximum              *float64             `json:"maximum,omitempty"`
	ExclusiveMinimum     bool                 `json:"exclusiveMinimum,omitempty"`
	MinItems             *int                 `json:"minItems,omitempty"`
	MaxItems             *int                 `json:"maxItems,omitempty"`
	Items                *oaSchema            `json:"items,omitempty"`
	Required             []string             `json:"required,omitempty"`
	Properties           map[string]*oaSchema `json:"properties,omitempty"`
	AdditionalProperties *oaSchema            `json:"additionalProperties,omitempty"`
	OneOf                []*oaSchema          `json:"oneOf,omitempty"`
}

type oaComponents struct {
	Schemas         map[string]*oaSchema         `json:"schemas"`
	Parameters      map[string]*oaParameter      `json:"parameters"`
	Responses       map[string]*oaResponse       `json:"responses"`
	SecuritySchemes map[string]*oaSecurityScheme `json:"securitySchemes"`
}

type oaSecurityScheme struct {
	Type         string `json:"type"`
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	Description  string `json:"description,omitempty"`
}

// Small constructors keep the document code declarative.

func schemaRef(name string) *oaSchema { return &oaSchema{Ref: "#/components/schemas/" + name} }

func paramRef(name string) *oaParameter {
	return &oaParameter{Ref: "#/components/parameters/" + name}
}

func responseRef(name string) *oaResponse {
	return &oaResponse{Ref: "#/components/responses/" + name}
}

func num(x float64) *float64 { return &x }

func count(n int) *int { return &n }

func boolPtr(b bool) *bool { return &b }

func str(description string) *oaSchema { return &oaSchema{Type: "string", Description: description} }

func arrayOf(items *oaSchema) *oaSchema { return &oaSchema{Type: "array", Items: items} }

// object is a schema of type object with the given properties, of which
// those named in required must be present.
func object(props map[string]*oaSchema, required ...string) *oaSchema {
	return &oaSchema{Type: "object", Properties: props, Required: required}
}

// content is a response or body content map with one schema for each media
// type.
func content(s *oaSchema, mediaTypes ...string) map[string]oaMedia {
	m := make(map[string]oaMedia, len(mediaTypes))
	for _, t := range mediaTypes {
		m[t] = oaMedia{Schema: s}
	}
	return m
}
