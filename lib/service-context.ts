// What a service call knows of its request besides the signed-in user: one shape for every
// service (pages, server actions, the API and the CLI pass the same).

export interface ServiceContext {
  /** The request's id, written into the audit entries of the change (null: no request). */
  requestId?: string | null;
  /** The clock (tests pin it); "today" is its calendar day in Vietnam. */
  now?: Date;
}

/** A form's or a JSON body's fields before a service parses them. */
export type JsonInput = Record<string, unknown>;
