/**
 * The members RFC 9457 §3.1 defines, in wire order; every other member of a problem document is an extension.
 * Declared once for the renderer, the formats and the client.
 */
export const STANDARD_MEMBERS: ReadonlySet<string> = /* @__PURE__ */ new Set(['type', 'title', 'status', 'detail', 'instance'])
