// Command tripstats prints one Markdown table row per SUMO tripinfo file:
// arrived vehicles and their mean duration, waiting time, stops
// (waitingCount) and time loss, with SUMO's definitions. Arguments are
// LABEL=FILE pairs; with -ref LABEL the other rows also show their
// difference to that row in percent.
//
//	tripstats -ref sumo sumo=sumo.xml twin=twin.xml
package main
