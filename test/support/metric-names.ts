/**
 * The metric names Grafana dashboards and alert rules are written against (docs/metrics.md),
 * spelled out here rather than taken from the code, so that renaming one fails a test.
 */
export const METRIC_NAMES = [
  'intake_items_captured_total', 'intake_outcomes_total', 'intake_dead_letters_total', 'intake_emergencies_total',
  'intake_stage_duration_seconds', 'intake_consumer_lag', 'intake_queue_depth', 'intake_webhook_signature_rejections_total',
  'intake_imap_reconnects_total', 'intake_open_past_deadline', 'intake_ready',
] as const;
