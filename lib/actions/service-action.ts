// The commonest server action: parse the form with the service's own schema, call that one service
// (which authorizes and audits) with the request id, and refresh the pages the change shows on.
// Access is still the service's to check; the wrapper only removes the repeated adapter body.
import type { z } from "zod";
import { revalidatePath } from "next/cache";
import type { CurrentUser } from "@/lib/auth/session";
import { defineAction, type ActionResult } from "./define-action";

/**
 * `defineAction(schema, …)` whose handler calls `service(user, input, { requestId })`, revalidates
 * every path `refresh` names for the input and the result (null: nothing to refresh), and answers
 * the browser with `reply(result)`: by default the service's result, or only what the form reads.
 */
export function serviceAction<S extends z.ZodType, T, R = T>(
  schema: S,
  service: (user: CurrentUser, input: z.output<S>, context: { requestId: string }) => Promise<T>,
  refresh: (input: z.output<S>, result: T) => readonly string[] | null,
  reply: (result: T) => R | ActionResult<R> = (result) => result as unknown as R,
) {
  return defineAction(schema, async ({ user, input, requestId }): Promise<R | ActionResult<R>> => {
    const result = await service(user, input, { requestId });
    for (const path of refresh(input, result) ?? []) revalidatePath(path);
    return reply(result);
  });
}

/** A reply of nothing: the form only needs to know that it worked. */
export const noData = (): null => null;
