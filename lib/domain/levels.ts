// The four levels a meeting, a branch's year or a member is rated at (Tốt, Khá, Trung bình, Kém):
// read by the scoring engine, the settings registry and the dashboards alike.

/** Best first; the order is the rank used by level thresholds and roll-ups. */
export const LEVELS = ["GOOD", "FAIR", "AVERAGE", "POOR"] as const;
export type Level = (typeof LEVELS)[number];
