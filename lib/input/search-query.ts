// The text a person types into a search box, as a search action receives it: a string, cut to the
// 100 characters any search looks at (a longer paste is not an error, it just searches its start).
import { z } from "zod";

export const searchQuery = z
  .string()
  .max(10_000)
  .transform((value) => value.slice(0, 100));
