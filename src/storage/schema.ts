/**
 * The tables as Kysely sees them. Instants are epoch milliseconds (bigint columns, read back as numbers);
 * booleans are 0/1 integers and structured values are JSON text, the same on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface CustomersTable {
  id: string;
  name: string;
  short_name: string | null;
  time_zone: string;
  locale: string;
  notes: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export interface ContactsTable {
  id: string;
  customer_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: string | null;
  /** 0 = not in the escalation matrix; 1, 2, 3 … the customer-side escalation level. */
  escalation_level: number;
  receives_reports: number;
  created_at: number;
  updated_at: number;
}

export interface ServicesTable {
  id: string;
  name: string;
  description: string | null;
  owner: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  /** How several monitors of the service combine: "any" (down when any is down) or "all". */
  monitor_rule: Generated<string>;
}

export interface ServiceImpactsTable {
  customer_id: string;
  service_id: string;
  criticality: string;
  users_affected: number | null;
  downtime_cost_per_hour: number | null;
  max_tolerable_downtime_minutes: number | null;
  notes: string | null;
  updated_at: number;
}

export interface CalendarsTable {
  id: string;
  name: string;
  /** The calendar definition as JSON (the same shape as calendar files). */
  definition: string;
  revision: number;
  created_at: number;
  updated_at: number;
}

export interface SlasTable {
  id: string;
  name: string;
  description: string | null;
  owner_user_id: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export interface SlaVersionsTable {
  sla_id: string;
  version: number;
  status: string;
  effective_from: number | null;
  /** Targets per priority, pause statuses, warnings, availability, review interval, credits (JSON). */
  body: string;
  revision: number;
  created_at: number;
  created_by: string | null;
  activated_at: number | null;
  retired_at: number | null;
}

export interface SlaVersionCustomersTable {
  sla_id: string;
  version: number;
  customer_id: string;
}

export interface SlaVersionServicesTable {
  sla_id: string;
  version: number;
  service_id: string;
}

export interface AssignmentRulesTable {
  id: string;
  position: number;
  customer_id: string | null;
  service_id: string | null;
  priority: string | null;
  ticket_type: string | null;
  sla_id: string;
  created_at: number;
}

export interface TicketsTable {
  id: string;
  number: number;
  customer_id: string;
  service_id: string | null;
  type: string;
  title: string;
  description: string | null;
  impact: string | null;
  urgency: string | null;
  priority: string;
  status: string;
  assignee_user_id: string | null;
  sla_id: string | null;
  sla_version: number | null;
  external_ref: string | null;
  source: string;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  closed_at: number | null;
  revision: number;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  seq: number;
  at: number;
  type: string;
  /** The event's fields beyond at/type (JSON). */
  data: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  recorded_at: number;
}

export interface TicketClocksTable {
  ticket_id: string;
  clock_id: string;
  metric: string;
  state: string;
  duration_ms: number;
  elapsed_ms: number;
  paused_ms: number;
  started_at: number | null;
  due_at: number | null;
  stopped_at: number | null;
  breached_at: number | null;
  /** The next warning instant still ahead, for at-risk filters and escalation. */
  next_warning_at: number | null;
  /** The clock as computed, with warnings and history (JSON). */
  detail: string;
  computed_at: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  customer_id: string | null;
  password_hash: string | null;
  locale: string;
  time_zone: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  role: string;
  customer_id: string | null;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  customer_id: string | null;
  summary: string;
  /** JSON of the changed fields before and after, or null. */
  changes: string | null;
}

export interface Database {
  settings: SettingsTable;
  counters: CountersTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  services: ServicesTable;
  service_impacts: ServiceImpactsTable;
  calendars: CalendarsTable;
  slas: SlasTable;
  sla_versions: SlaVersionsTable;
  sla_version_customers: SlaVersionCustomersTable;
  sla_version_services: SlaVersionServicesTable;
  assignment_rules: AssignmentRulesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_clocks: TicketClocksTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  monitors: MonitorsTable;
  check_results: CheckResultsTable;
  monitor_spans: MonitorSpansTable;
  monitor_rollups: MonitorRollupsTable;
  outages: OutagesTable;
  maintenance_windows: MaintenanceWindowsTable;
  status_pages: StatusPagesTable;
  escalation_policies: EscalationPoliciesTable;
  escalation_policy_links: EscalationPolicyLinksTable;
  notification_channels: NotificationChannelsTable;
  escalation_steps: EscalationStepsTable;
  escalation_acks: EscalationAcksTable;
  notifications: NotificationsTable;
  ticket_breach_reasons: TicketBreachReasonsTable;
  sla_reviews: SlaReviewsTable;
  improvement_actions: ImprovementActionsTable;
  improvement_action_links: ImprovementActionLinksTable;
  issued_reports: IssuedReportsTable;
  sla_acknowledgements: SlaAcknowledgementsTable;
  acknowledgement_reminders: AcknowledgementRemindersTable;
  budget_alerts: BudgetAlertsTable;
  escalation_roster: EscalationRosterTable;
  report_schedules: ReportSchedulesTable;
}

export interface MonitorsTable {
  id: string;
  name: string;
  service_id: string;
  customer_id: string | null;
  kind: string;
  /** The parsed monitor definition as JSON. */
  definition: string;
  paused: number;
  heartbeat_token_hash: string | null;
  state: string;
  state_since: number;
  /** The check-sequence tracker's state as JSON (consecutive failures, open outage…). */
  tracker: string;
  next_check_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  last_check_at: number | null;
  last_status: string | null;
  last_latency_ms: number | null;
  last_message: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export interface CheckResultsTable {
  id: Generated<number>;
  monitor_id: string;
  at: number;
  status: string;
  latency_ms: number | null;
  message: string;
}

export interface MonitorSpansTable {
  monitor_id: string;
  start_at: number;
  end_at: number | null;
  state: string;
}

export interface MonitorRollupsTable {
  monitor_id: string;
  /** "minute", "hour" or "day" (UTC buckets). */
  grain: string;
  bucket: number;
  up_ms: number;
  degraded_ms: number;
  down_ms: number;
  maintenance_ms: number;
  unknown_ms: number;
  checks: number;
  failed_checks: number;
  latency_sum_ms: number;
  latency_count: number;
}

export interface OutagesTable {
  id: string;
  monitor_id: string;
  service_id: string;
  customer_id: string | null;
  started_at: number;
  ended_at: number | null;
  cause: string;
  ticket_id: string | null;
  created_at: number;
}

export interface MaintenanceWindowsTable {
  id: string;
  name: string;
  service_id: string | null;
  monitor_id: string | null;
  customer_id: string | null;
  /** The maintenance-window definition (time zone, local start, duration, recurrence) as JSON. */
  definition: string;
  created_at: number;
  updated_at: number;
}

export interface StatusPagesTable {
  customer_id: string;
  public_token_hash: string | null;
  title: string | null;
  updated_at: number;
}

export interface EscalationPoliciesTable {
  id: string;
  name: string;
  /** "ticket" or "availability". */
  scope: string;
  /** The parsed policy as JSON. */
  definition: string;
  revision: number;
  created_at: number;
  updated_at: number;
}

export interface EscalationPolicyLinksTable {
  policy_id: string;
  /** "sla" or "service". */
  subject_kind: string;
  subject_id: string;
}

export interface NotificationChannelsTable {
  id: string;
  name: string;
  kind: string;
  /** The validated channel config as JSON, secrets included: never leaves the server unmasked. */
  config: string;
  revision: number;
  created_at: number;
  updated_at: number;
}

export interface EscalationStepsTable {
  /** Deterministic step key (see the planner); fired at most once. */
  key: string;
  level_key: string;
  subject_kind: string;
  ticket_id: string | null;
  /** The step's subject as JSON. */
  subject: string;
  policy_id: string;
  level_index: number;
  occurrence: number;
  /** Null while the clock is paused. */
  due_at: number | null;
  /** "pending", "fired" or "cancelled". */
  status: string;
  digest: string;
  /** Trigger, actions and channels as planned (JSON). */
  plan: string;
  fired_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface EscalationAcksTable {
  level_key: string;
  step_key: string;
  ticket_id: string | null;
  user_id: string | null;
  /** "user" (signed in) or "link" (the one-time link in a notice). */
  via: string;
  recipient: string | null;
  at: number;
}

export interface BudgetAlertsTable {
  id: string;
  service_id: string;
  customer_id: string;
  /** burn_1h_5m, burn_6h_30m, burn_1d_2h, burn_3d_6h or budget_spent. */
  rule: string;
  /** "burn_rate" or "budget_spent": which escalation trigger the alert raises. */
  kind: string;
  target: number;
  period_start: number;
  period_end: number;
  started_at: number;
  ended_at: number | null;
  burn_rate: number | null;
  budget_used: number | null;
  outranked_by: string | null;
  /** Unique while the alert is raised, null after. */
  open_key: string | null;
  updated_at: number;
}

export interface EscalationRosterTable {
  position: number;
  /** "on_call" or "team_lead". */
  role: string;
  user_id: string;
  /** JSON opening hours in the calendar format, or null (always). */
  hours: string | null;
  time_zone: string | null;
  updated_at: number;
}

export interface NotificationsTable {
  id: string;
  idempotency_key: string;
  step_key: string | null;
  ticket_id: string | null;
  channel_id: string;
  channel_kind: string;
  /** An e-mail address or phone number; "*" for channels that post to their own URL. */
  recipient: string;
  recipient_name: string | null;
  recipient_user_id: string | null;
  /** The notification message (facts, locale, time zone) as JSON. */
  message: string;
  /** "pending", "retrying", "sent" or "dead". */
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  detail: string | null;
  sent_at: number | null;
  ack_token_hash: string | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface IssuedReportsTable {
  id: string;
  customer_id: string;
  period_key: string;
  period_kind: string;
  period_start: number;
  period_end: number;
  revision: number;
  lang: string;
  issued_at: number;
  issued_by_user_id: string | null;
  issued_by_token_id: string | null;
  /** The report as computed when issued (JSON). */
  snapshot: string;
}

export interface TicketBreachReasonsTable {
  ticket_id: string;
  /** first_response, resolution or update. */
  target: string;
  customer_id: string;
  /** A breach reason category code (the list lives in settings). */
  reason: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: number;
}

export interface SlaReviewsTable {
  id: string;
  sla_id: string;
  /** "YYYY-MM-DD". */
  date: string;
  /** Names as JSON. */
  participants: string;
  /** "YYYY-MM", both included. */
  period_from: string;
  period_to: string;
  findings: string;
  decisions: string;
  /** The customer reports of the period as JSON. */
  snapshot: string;
  draft_version: number | null;
  created_by: string | null;
  created_at: number;
}

export interface ImprovementActionsTable {
  id: string;
  title: string;
  description: string | null;
  owner_user_id: string | null;
  /** "YYYY-MM-DD". */
  due_date: string | null;
  /** open, in_progress, done or dropped. */
  status: string;
  /** The figure the action means to move (JSON). */
  metric: string | null;
  helped: string | null;
  /** The figure before and after (JSON). */
  measurement: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  revision: number;
}

export interface ImprovementActionLinksTable {
  action_id: string;
  /** ticket, outage, service or review. */
  kind: string;
  target_id: string;
}

export interface SlaAcknowledgementsTable {
  sla_id: string;
  version: number;
  user_id: string;
  acknowledged_at: number;
  /** The API token it was given with; null from a session. */
  token_id: string | null;
}

export interface AcknowledgementRemindersTable {
  user_id: string;
  last_sent_at: number;
  sent_count: number;
}

export interface ReportSchedulesTable {
  id: string;
  customer_id: string;
  /** month or quarter. */
  cadence: string;
  /** de or en; null = the customer's language. */
  lang: string | null;
  /** JSON array of pdf, csv. */
  formats: string;
  /** JSON: { reportContacts, contactRoles, contactIds, userIds }. */
  recipients: string;
  calendar_id: string | null;
  enabled: number;
  last_period_key: string | null;
  last_delivered_at: number | null;
  created_at: number;
  updated_at: number;
}
