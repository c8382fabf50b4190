// Pure meeting rules: attendance, counters, vote validity, durations. No I/O.
export * from "./types";
export * from "./attendance";
export * from "./counters";
export * from "./vote";
export * from "./duration";
export * from "./quorum";
