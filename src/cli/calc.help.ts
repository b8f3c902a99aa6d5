/**
 * The examples and notes printed after each `--help`. Every example output here was produced by the
 * command above it with examples/office-hours-de-by.yaml; docs/calc.md has the long form.
 */

export const PROGRAM_HELP = `
Getting started (run these yourself):
  pledge serve                                      the server and API at http://localhost:3000
  pledge user add --email you@example.com --role admin
  pledge token create --email you@example.com --name cli
  pledge demo                                       a small IT provider with six months of tickets

Examples:
  $ pledge calc due --calendar examples/office-hours-de-by.yaml --start 2026-03-27T15:00:00Z --duration PT4H
  Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 12:00 Europe/Berlin)

  $ pledge calc --help          the time engine: due, elapsed, open, explain, holidays, clock, batch
  $ pledge calc due --help      help and examples of one subcommand

Documentation: docs/server.md (running Pledge), docs/calc.md (commands), docs/calendars.md (calendars).
`;

export const CALC_HELP = `
A calendar file (YAML or JSON) says when the service is open:

  timeZone: Europe/Berlin
  hours: { mon: ["08:00-18:00"], tue: ["08:00-18:00"], wed: ["08:00-18:00"], thu: ["08:00-18:00"], fri: ["08:00-16:00"] }
  holidays: ["2026-12-24", "12-31"]        # whole local dates; MM-DD repeats every year
  holidayRegions: ["DE-BY"]                # public holidays of a country or state
  closures: [{ from: "2026-05-15T10:00:00Z", to: "2026-05-15T14:00:00Z" }]

A missing weekday is closed; a calendar without "hours" is open 24/7. Instants are ISO 8601 with a UTC
offset (Z or +01:00) and answers are given in UTC; durations are ISO 8601 hours, minutes and seconds
(PT4H30M) or milliseconds. Days are refused as a duration: use --business-days.

Examples:
  $ pledge calc due -c examples/office-hours-de-by.yaml --start 2026-03-27T15:00:00Z --duration PT4H
  Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 12:00 Europe/Berlin)

  $ pledge calc elapsed -c examples/office-hours-de-by.yaml --from 2026-03-27T12:30:00Z --to 2026-03-30T08:00:00Z
  4h 30m (16200000 ms)

  $ echo '{"op":"elapsed","from":"2026-03-27T12:30:00Z","to":"2026-03-30T08:00:00Z"}' \\
      | pledge calc batch -c examples/office-hours-de-by.yaml
  {"elapsedMs":16200000}

Exit codes: 0 success; 1 a bad calendar, instant or duration (or a failed batch line); 2 a usage error.
Run pledge calc <command> --help for the options and examples of each command.
`;

export const DUE_HELP = `
The due instant is the earliest instant at which the open time since --start reaches the budget. A budget
used up exactly at closing time gives the closing instant, not the next opening; a budget of 0 gives
--start. --business-days N gives the same local time of day on the N-th following day that has open
time (or the next open instant if that time is closed); with --end-of-day, that day's closing time.

Examples:
  $ pledge calc due -c examples/office-hours-de-by.yaml --start 2026-03-27T15:00:00Z --duration PT4H
  Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 12:00 Europe/Berlin)

  $ pledge calc due -c examples/office-hours-de-by.yaml --start 2026-12-22T10:00:00Z --business-days 3
  Due: 2026-12-29T10:00:00Z (Tue 29 Dec 2026 11:00 Europe/Berlin)

  $ pledge calc due -c examples/office-hours-de-by.yaml --start 2026-12-22T10:00:00Z --business-days 3 --end-of-day --json
  {"start":"2026-12-22T10:00:00Z","businessDays":3,"endOfDay":true,"due":"2026-12-29T17:00:00Z","dueLocal":"2026-12-29T18:00:00+01:00","timeZone":"Europe/Berlin"}
`;

export const ELAPSED_HELP = `
Counts the open time inside [--from, --to): --from is included, --to is not. A --to at or before --from
gives 0.

Examples:
  $ pledge calc elapsed -c examples/office-hours-de-by.yaml --from 2026-03-27T12:30:00Z --to 2026-03-30T08:00:00Z
  4h 30m (16200000 ms)

  $ pledge calc elapsed -c examples/office-hours-de-by.yaml --from 2026-03-27T12:30:00Z --to 2026-03-30T08:00:00Z --json
  {"from":"2026-03-27T12:30:00Z","to":"2026-03-30T08:00:00Z","elapsedMs":16200000,"elapsed":"PT4H30M"}
`;

export const OPEN_HELP = `
Lists the open periods inside [--from, --to), clipped to it, with their local times.

Example:
  $ pledge calc open -c examples/office-hours-de-by.yaml --from 2026-03-27T00:00:00Z --to 2026-03-31T00:00:00Z
  2026-03-27T07:00:00Z – 2026-03-27T15:00:00Z  Fri 27 Mar 2026 08:00–16:00  8h
  2026-03-30T06:00:00Z – 2026-03-30T16:00:00Z  Mon 30 Mar 2026 08:00–18:00  10h
  Open: 18h (64800000 ms) in 2 periods (local times in Europe/Berlin)
`;

export const EXPLAIN_HELP = `
Splits [--from, --to) into consecutive spans: open, or closed because of a closure, a holiday or the
opening hours (a closure wins over a holiday, a holiday over the opening hours).

Example:
  $ pledge calc explain -c examples/office-hours-de-by.yaml --from 2026-12-23T12:00:00Z --to 2026-12-28T12:00:00Z
  2026-12-23T12:00:00Z – 2026-12-23T17:00:00Z  Wed 23 Dec 2026 13:00–18:00                    5h   open
  2026-12-23T17:00:00Z – 2026-12-23T23:00:00Z  Wed 23 Dec 2026 18:00–24:00                    6h   outside hours
  2026-12-23T23:00:00Z – 2026-12-24T23:00:00Z  Thu 24 Dec 2026 00:00–24:00                    24h  holiday        Christmas Eve
  2026-12-24T23:00:00Z – 2026-12-25T23:00:00Z  Fri 25 Dec 2026 00:00–24:00                    24h  holiday        1. Weihnachtstag
  2026-12-25T23:00:00Z – 2026-12-26T23:00:00Z  Sat 26 Dec 2026 00:00–24:00                    24h  holiday        2. Weihnachtstag
  2026-12-26T23:00:00Z – 2026-12-28T07:00:00Z  Sun 27 Dec 2026 00:00 – Mon 28 Dec 2026 08:00  32h  outside hours
  2026-12-28T07:00:00Z – 2026-12-28T12:00:00Z  Mon 28 Dec 2026 08:00–13:00                    5h   open
  Open: 10h (36000000 ms) of 120h (local times in Europe/Berlin)
`;

export const HOLIDAYS_HELP = `
Lists the holidays of one year: the calendar's own "holidays" and the public holidays of its
"holidayRegions". Each is closed for its whole local date in the calendar's time zone.

Example:
  $ pledge calc holidays -c examples/office-hours-de-by.yaml --year 2026
  2026-01-01  Thu  Neujahr
  2026-01-06  Tue  Heilige Drei Könige
  …
  2026-12-31  Thu  New Year's Eve
  14 holidays in 2026 from DE-BY and the calendar's own dates, each closed for its whole local date in Europe/Berlin
`;

export const CLOCK_HELP = `
The request file holds what a batch "clock" request holds, without "op": "targets" (id, metric
first_response | resolution | update, duration, optional pauseStatuses, warnings and calendar), "events"
(created, status, reply, priority, resolved, reopened, closed, sla) and optionally "now" and "calendar".
Local times are shown in the zone of the first target's calendar unless --zone is given.

Example (ticket.yaml):
  now: "2026-03-03T12:00:00Z"
  targets:
    - { id: first_response, metric: first_response, duration: PT1H }
    - { id: resolution, metric: resolution, duration: PT8H, pauseStatuses: [waiting] }
  events:
    - { at: "2026-03-02T08:00:00Z", type: created, priority: P2 }
    - { at: "2026-03-02T08:30:00Z", type: reply, author: agent, public: true }
    - { at: "2026-03-02T10:00:00Z", type: status, status: waiting }
    - { at: "2026-03-02T14:00:00Z", type: status, status: open }

  $ pledge calc clock -c examples/office-hours-de-by.yaml --request ticket.yaml
  clock           state     elapsed  paused  remaining  due                   stopped               breached
  first_response  met       30m      0s      30m        Mon 2 Mar 2026 10:00  Mon 2 Mar 2026 09:30  –
  resolution      breached  10h      4h      -2h        Tue 3 Mar 2026 11:00  –                     Tue 3 Mar 2026 11:00

  At 2026-03-03T12:00:00Z (Tue 3 Mar 2026 13:00 Europe/Berlin); local times in Europe/Berlin.

With --json the answer is the batch answer: {"clocks":[{"id","state","elapsedMs","pausedMs","dueAt",
"stoppedAt","breachedAt"}]}. Request errors exit 1 with BATCH_INVALID_REQUEST or the engine's code.
`;

export const BATCH_HELP = `
Reads one JSON request per line on stdin and writes one JSON answer per line, in the same order, as the
lines arrive. Blank lines are skipped. Each request carries "op", its fields and a "calendar" object (or
uses the --calendar file); an "id" is echoed back. Calendars are compiled once per distinct definition.

  {"op":"elapsed","from":ISO,"to":ISO}                        → {"elapsedMs":n}
  {"op":"due","start":ISO,"duration":"PT4H30M" or ms}         → {"due":ISO}
  {"op":"due","start":ISO,"businessDays":3,"endOfDay":true}   → {"due":ISO}
  {"op":"clock","now":ISO,"targets":[…],"events":[…]}         → {"clocks":[{"id","state","elapsedMs","pausedMs","dueAt","stoppedAt","breachedAt"}]}
  {"op":"open","from":ISO,"to":ISO}                           → {"intervals":[{"start","end"}]}
  {"op":"explain","from":ISO,"to":ISO}                        → {"spans":[{"start","end","kind","label"?}]}
  {"op":"holidays","year":2026}                               → {"holidays":[{"date","name"}]}
  {"op":"availability","from":ISO,"to":ISO,"states":[{"from","to","state"}],"maintenance":[…],"degraded":"up"}
                                → {"availability":0..1|null,"upMs","degradedMs","downMs","maintenanceMs","unknownMs"}

A line that fails is answered {"error":{"code":"…","message":"…"}} and the batch goes on; the exit code
is 1 when any line failed, else 0. Codes: BATCH_INVALID_JSON, BATCH_UNKNOWN_OP, BATCH_INVALID_REQUEST,
INTERNAL, and the engine's own (INSTANT_INVALID, DURATION_INVALID, CALENDAR_INVALID_HOURS, …).

Examples:
  $ printf '%s\\n' '{"id":1,"op":"due","start":"2026-03-27T15:00:00Z","duration":"PT4H"}' '{"id":2,"op":"due","start":"soon","duration":"PT4H"}' \\
      | pledge calc batch -c examples/office-hours-de-by.yaml
  {"id":1,"due":"2026-03-30T10:00:00Z"}
  {"id":2,"error":{"code":"INSTANT_INVALID","message":"start \\"soon\\" is not an ISO 8601 instant with a UTC offset (e.g. 2026-03-27T15:00:00Z)"}}

  $ echo '{"op":"elapsed","calendar":{"timeZone":"UTC"},"from":"2026-03-27T15:00:00Z","to":"2026-03-27T16:30:00Z"}' | pledge calc batch
  {"elapsedMs":5400000}

The clock request and every field are described in docs/calc.md.
`;
