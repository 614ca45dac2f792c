import { defineProblemType, type ProblemType } from './define-problem-type'

// The problem types in IANA's "HTTP Problem Types" registry (RFC 9457 §4.2), besides about:blank, which is what an
// error without a type already is. The registry page could not be read when this was written: its contents come
// from two secondary copies that agree, and the extension members from the drafts the entries cite. Re-check
// https://www.iana.org/assignments/http-problem-types before relying on a title or member name.

/** One hashing algorithm the server does not support, and the field that referenced it. */
export interface DigestAlgorithmEntry {
  /** The algorithm key from the request, e.g. `md5`. */
  readonly algorithm: string
  /** The integrity or integrity preference field that referenced it, e.g. `Repr-Digest`. */
  readonly header: string
}

/** One digest value that no output of its algorithm could be (a SHA-512 digest that is not 64 bytes long). */
export interface DigestInvalidEntry {
  readonly algorithm: string
  /** The integrity field that held the value. */
  readonly header: string
  /** Why the value cannot be valid, for people. */
  readonly reason: string
}

/** One digest value that does not match the content; the server's own digest is never sent (it is an oracle). */
export interface DigestMismatchedEntry {
  readonly algorithm: string
  /** The digest from the request, as a Structured Fields byte sequence (`:base64:`, RFC 9651 §4.1.8). */
  readonly provided_digest: string
  /** The integrity field that held the value. */
  readonly header: string
}

/** The extension members of {@link DigestUnsupportedAlgorithms}; the draft makes every member optional to send. */
export interface DigestUnsupportedAlgorithmsExtensions {
  readonly unsupported_algorithms?: readonly DigestAlgorithmEntry[]
}

/** The extension members of {@link DigestInvalidValues}; the draft makes every member optional to send. */
export interface DigestInvalidValuesExtensions {
  readonly invalid_digests?: readonly DigestInvalidEntry[]
}

/** The extension members of {@link DigestMismatchedValues}; the draft makes every member optional to send. */
export interface DigestMismatchedValuesExtensions {
  readonly mismatched_digests?: readonly DigestMismatchedEntry[]
}

/**
 * The IANA-registered `date` problem type (RFC 9458 §6.5.2): the request's `Date`, or another timestamp, was
 * missing or outside the server's window. Send the server's `Date` with it so that the client can correct its
 * clock (draft-thomson-httpapi-date-requests makes that a MUST; Node sends `Date` on every response already).
 * Registry contents confirmed only from secondary copies of the registry.
 *
 * @example
 * throw new DateNotAcceptable(undefined, { detail: 'The Date header is more than 60 seconds off.' })
 */
export const DateNotAcceptable: ProblemType<400, {}> = /* @__PURE__ */ defineProblemType()({
  type: 'https://iana.org/assignments/http-problem-types#date',
  title: 'Date Not Acceptable',
  status: 400,
  name: 'DateNotAcceptable',
  titles: { 'zh-CN': '日期不可接受' },
})
export type DateNotAcceptable = InstanceType<typeof DateNotAcceptable>

/**
 * The IANA-registered `ohttp-key` problem type (RFC 9458 §5.3): an Oblivious HTTP gateway could not use the key
 * configuration the client encapsulated its request with. Registry contents confirmed only from secondary copies
 * of the registry.
 *
 * @example
 * throw new OhttpKeyNotAcceptable()
 */
export const OhttpKeyNotAcceptable: ProblemType<400, {}> = /* @__PURE__ */ defineProblemType()({
  type: 'https://iana.org/assignments/http-problem-types#ohttp-key',
  title: 'Oblivious HTTP key configuration not acceptable',
  status: 400,
  name: 'OhttpKeyNotAcceptable',
  titles: { 'zh-CN': '不接受该 Oblivious HTTP 密钥配置' },
})
export type OhttpKeyNotAcceptable = InstanceType<typeof OhttpKeyNotAcceptable>

/**
 * The IANA-registered `digest-unsupported-algorithms` problem type (draft-ietf-httpapi-digest-fields-problem-types
 * §3.1): an integrity or integrity preference field named a hashing algorithm the server does not support; the
 * response can carry `Want-Repr-Digest` / `Want-Content-Digest` to say what it does support. Registry contents
 * confirmed only from secondary copies of the registry.
 *
 * @example
 * throw new DigestUnsupportedAlgorithms(
 *   { unsupported_algorithms: [{ algorithm: 'md5', header: 'Repr-Digest' }] },
 *   { headers: { 'want-repr-digest': 'sha-512=10, md5=0' } },
 * )
 */
export const DigestUnsupportedAlgorithms: ProblemType<400, DigestUnsupportedAlgorithmsExtensions> =
  /* @__PURE__ */ defineProblemType<DigestUnsupportedAlgorithmsExtensions>()({
    type: 'https://iana.org/assignments/http-problem-types#digest-unsupported-algorithms',
    title: 'Unsupported Hashing Algorithms',
    status: 400,
    name: 'DigestUnsupportedAlgorithms',
    titles: { 'zh-CN': '不支持的哈希算法' },
    extensionSchema: {
      type: 'object',
      properties: {
        unsupported_algorithms: /* @__PURE__ */ entries(
          { algorithm: { type: 'string' }, header: { type: 'string' } },
          { algorithm: 'md5', header: 'Repr-Digest' },
        ),
      },
    },
  })
export type DigestUnsupportedAlgorithms = InstanceType<typeof DigestUnsupportedAlgorithms>

/**
 * The IANA-registered `digest-invalid-values` problem type (draft-ietf-httpapi-digest-fields-problem-types §3.2):
 * an integrity field holds a value its algorithm cannot produce. Not for a field that does not parse as a
 * Structured Field at all. Registry contents confirmed only from secondary copies of the registry.
 *
 * @example
 * throw new DigestInvalidValues({
 *   invalid_digests: [{ algorithm: 'sha-512', header: 'Repr-Digest', reason: 'digest value is not 64 bytes long' }],
 * })
 */
export const DigestInvalidValues: ProblemType<400, DigestInvalidValuesExtensions> =
  /* @__PURE__ */ defineProblemType<DigestInvalidValuesExtensions>()({
    type: 'https://iana.org/assignments/http-problem-types#digest-invalid-values',
    title: 'Invalid Digest Values',
    status: 400,
    name: 'DigestInvalidValues',
    titles: { 'zh-CN': '无效的摘要值' },
    extensionSchema: {
      type: 'object',
      properties: {
        invalid_digests: /* @__PURE__ */ entries(
          { algorithm: { type: 'string' }, header: { type: 'string' }, reason: { type: 'string' } },
          { algorithm: 'sha-512', header: 'Repr-Digest', reason: 'digest value is not 64 bytes long' },
        ),
      },
    },
  })
export type DigestInvalidValues = InstanceType<typeof DigestInvalidValues>

/**
 * The IANA-registered `digest-mismatched-values` problem type (draft-ietf-httpapi-digest-fields-problem-types
 * §3.3): an integrity field does not match the content. Never add the digest the server computed (§4: it would be
 * an oracle). Registry contents confirmed only from secondary copies of the registry.
 *
 * @example
 * throw new DigestMismatchedValues({
 *   mismatched_digests: [{ algorithm: 'sha-256', provided_digest: ':RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', header: 'Repr-Digest' }],
 * })
 */
export const DigestMismatchedValues: ProblemType<400, DigestMismatchedValuesExtensions> =
  /* @__PURE__ */ defineProblemType<DigestMismatchedValuesExtensions>()({
    type: 'https://iana.org/assignments/http-problem-types#digest-mismatched-values',
    title: 'Mismatched Digest Values',
    status: 400,
    name: 'DigestMismatchedValues',
    titles: { 'zh-CN': '摘要值不匹配' },
    extensionSchema: {
      type: 'object',
      properties: {
        mismatched_digests: /* @__PURE__ */ entries(
          { algorithm: { type: 'string' }, provided_digest: { type: 'string' }, header: { type: 'string' } },
          { algorithm: 'sha-256', provided_digest: ':RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:', header: 'Repr-Digest' },
        ),
      },
    },
  })
export type DigestMismatchedValues = InstanceType<typeof DigestMismatchedValues>

/**
 * Every IANA-registered problem type defined here, for `parseProblem(res, { types: ianaProblemTypes })` or
 * `openApiProblems([...ianaProblemTypes])`. Registry contents confirmed only from secondary copies of the registry.
 *
 * @example
 * const error = await parseProblem(response, { types: ianaProblemTypes })
 * if (error instanceof DigestMismatchedValues) retryOnce()
 */
export const ianaProblemTypes: readonly ProblemType<400, object>[] = [
  DateNotAcceptable,
  OhttpKeyNotAcceptable,
  DigestUnsupportedAlgorithms,
  DigestInvalidValues,
  DigestMismatchedValues,
]

// --- internal ---

/** The schema of an array of entry objects whose members are all required, with one example. */
function entries(properties: Record<string, unknown>, example: Record<string, string>): Record<string, unknown> {
  return {
    type: 'array',
    items: { type: 'object', properties, required: Object.keys(properties) },
    examples: [[example]],
  }
}
