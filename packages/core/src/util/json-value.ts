/** A JSON value that is safe to serialise: plain objects, arrays, finite numbers, strings, booleans, null. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }
