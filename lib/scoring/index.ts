// Public surface of the scoring core: rubric model and validation, the pure engine, built-in rubrics
// and the annual roll-up. No I/O anywhere below.
export * from "./exact";
export * from "./model";
export * from "./facts";
export * from "./hard-checks";
export * from "./validate";
export * from "./engine";
export * from "./rollup";
export * from "./rubrics";
