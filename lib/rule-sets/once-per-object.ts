// Rubrics and frames are immutable values that the engines check on every score: each object is
// checked once and its outcome kept as long as the object lives.

export function oncePerObject<T extends object, R>(check: (value: T) => R): (value: T) => R {
  const outcomes = new WeakMap<T, R>();
  return (value) => {
    if (outcomes.has(value)) return outcomes.get(value) as R;
    const outcome = check(value);
    outcomes.set(value, outcome);
    return outcome;
  };
}
