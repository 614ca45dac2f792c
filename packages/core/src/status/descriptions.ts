import type { TableCode } from './table'
import type { ErrorTableCode } from './texts'

// One-sentence descriptions of every registered status in English and Simplified Chinese, written by us. Only what
// shows them imports this module: the HTML format (the page explains its status), `statuses` and `getStatus`.
// A bundle that renders JSON and text only never carries them.

/** A description in each built-in language. */
export interface Descriptions {
  readonly en: string
  readonly zh: string
}

/** Descriptions of the 4xx and 5xx statuses. */
export const errorDescriptions: { readonly [C in ErrorTableCode]: Descriptions } = {
  // 4xx Client Error
  400: {
    en: 'The server cannot process the request because it is malformed, for example invalid syntax or framing; fix it before retrying.',
    zh: '请求格式有误（例如语法或报文结构无效），服务器无法处理；请修正后再重试。',
  },
  401: {
    en: 'The request lacks valid credentials for this resource; authenticate as the WWW-Authenticate header describes and try again.',
    zh: '请求缺少访问该资源的有效凭据；请按 WWW-Authenticate 头的要求进行身份验证后重试。',
  },
  402: {
    en: 'Reserved for future use by HTTP; some APIs send it when a payment or a paid plan is needed.',
    zh: 'HTTP 将其保留供将来使用；部分 API 在需要付款或付费套餐时发送它。',
  },
  403: {
    en: 'The server understood the request but refuses to carry it out, and retrying with the same credentials will not help.',
    zh: '服务器理解该请求但拒绝执行，使用相同的凭据重试也无济于事。',
  },
  404: {
    en: 'The server has nothing at this URI, or will not say whether it has; check the address.',
    zh: '服务器在该地址上没有找到资源，或不愿透露其是否存在；请检查地址。',
  },
  405: {
    en: 'The resource does not support this request method; the Allow header lists the methods it does support.',
    zh: '该资源不支持此请求方法；Allow 头列出了它支持的方法。',
  },
  406: {
    en: 'The server has no representation that satisfies the Accept headers of the request.',
    zh: '服务器没有符合请求中 Accept 系列头要求的表示形式。',
  },
  407: {
    en: 'A proxy on the way to the server needs the client to authenticate first, as its Proxy-Authenticate header describes.',
    zh: '通往服务器途中的代理要求客户端先按 Proxy-Authenticate 头的说明进行身份验证。',
  },
  408: {
    en: 'The server gave up waiting for the client to finish sending the request; the client may send it again.',
    zh: '服务器等待客户端发送完整请求时超时；客户端可以重新发送该请求。',
  },
  409: {
    en: 'The request conflicts with the current state of the resource, such as an edit conflict; resolve it and retry.',
    zh: '请求与资源的当前状态冲突（例如编辑冲突）；解决冲突后再重试。',
  },
  410: {
    en: 'The resource used to exist here but was removed on purpose and is not expected to come back.',
    zh: '该资源曾经存在，但已被有意移除，且预计不会恢复。',
  },
  411: {
    en: 'The server requires a Content-Length header on this request.',
    zh: '服务器要求此请求带有 Content-Length 头。',
  },
  412: {
    en: 'A condition in the request headers, such as If-Match, did not hold, so the server did not apply the request.',
    zh: '请求头中的条件（例如 If-Match）不成立，因此服务器没有执行该请求。',
  },
  413: {
    en: 'The request content is larger than the server is willing to handle; send less, or wait for Retry-After if the limit is temporary.',
    zh: '请求内容超出服务器愿意处理的大小；请减少内容，若限制是暂时的，请按 Retry-After 头等待。',
  },
  414: {
    en: 'The request URI is longer than the server is willing to interpret; move the data into the request body.',
    zh: '请求的 URI 超过服务器愿意解析的长度；请将数据移入请求体。',
  },
  415: {
    en: 'The server does not support the media type or the content coding of the request body.',
    zh: '服务器不支持请求体的媒体类型或内容编码。',
  },
  416: {
    en: 'The requested ranges cannot be served, usually because they lie past the end of the representation; Content-Range gives its length.',
    zh: '请求的范围无法满足，通常是因为超出了表示内容的末尾；Content-Range 头给出了其实际长度。',
  },
  417: {
    en: 'The server cannot meet the expectation given in the Expect header of the request.',
    zh: '服务器无法满足请求中 Expect 头提出的期望。',
  },
  418: {
    en: 'A reserved code known from the RFC 2324 joke, which some servers still send to refuse a request they will never handle.',
    zh: '保留状态码，源自 RFC 2324 的玩笑，部分服务器仍用它拒绝永远不会处理的请求。',
  },
  421: {
    en: 'The request reached a server that cannot answer for this origin; retry it over a different connection.',
    zh: '请求到达了无法为该源站作出响应的服务器；请通过另一个连接重试。',
  },
  422: {
    en: 'The request is well-formed and of a supported type, but its content fails validation or cannot be processed.',
    zh: '请求格式正确且类型受支持，但其内容未通过校验或无法处理。',
  },
  423: {
    en: 'The WebDAV resource is locked, so the request cannot change it until the lock is released or its token is supplied.',
    zh: '该 WebDAV 资源已被锁定，在锁被释放或提供锁令牌之前无法修改。',
  },
  424: {
    en: 'The request failed because another action that it depended on failed.',
    zh: '请求失败，因为它所依赖的另一项操作失败了。',
  },
  425: {
    en: 'The server will not process a request sent in TLS early data, as it might be replayed; retry once the handshake is complete.',
    zh: '服务器不处理通过 TLS 早期数据发送的请求，因为它可能被重放；请在握手完成后重试。',
  },
  426: {
    en: 'The server refuses to handle the request over the current protocol; switch to one listed in the Upgrade header.',
    zh: '服务器拒绝通过当前协议处理该请求；请切换到 Upgrade 头中列出的协议。',
  },
  428: {
    en: 'The server requires this request to be conditional, for example with If-Match, so that no update gets lost.',
    zh: '服务器要求该请求带有条件（例如 If-Match），以免更新丢失。',
  },
  429: {
    en: 'The client has sent too many requests in a given time; slow down, and wait as long as Retry-After says if it is present.',
    zh: '客户端在一定时间内发送的请求过多；请降低频率，若有 Retry-After 头，请按其等待。',
  },
  431: {
    en: 'The request header fields are too large, either in total or one field alone; shrink them and retry.',
    zh: '请求头字段过大（整体过大或单个字段过大）；请缩减后重试。',
  },
  451: {
    en: 'The server denies access to the resource because of a legal demand, such as a court order.',
    zh: '由于法律要求（例如法院命令），服务器拒绝提供该资源。',
  },
  // 5xx Server Error
  500: {
    en: 'The server hit an unexpected condition and could not complete the request; the fault is on the server side.',
    zh: '服务器遇到意外情况，无法完成请求；问题出在服务器端。',
  },
  501: {
    en: 'The server does not support the functionality the request needs, such as its method.',
    zh: '服务器不支持完成该请求所需的功能，例如该请求方法。',
  },
  502: {
    en: 'A gateway or proxy received an invalid response from the upstream server it contacted.',
    zh: '网关或代理从其访问的上游服务器收到了无效响应。',
  },
  503: {
    en: 'The server cannot handle the request right now, for example due to overload or maintenance; try again later.',
    zh: '服务器暂时无法处理请求（例如过载或维护中）；请稍后重试。',
  },
  504: {
    en: 'A gateway or proxy did not get a timely response from the upstream server it needed.',
    zh: '网关或代理未能及时从所需的上游服务器获得响应。',
  },
  505: {
    en: 'The server does not support the major HTTP version that the request used.',
    zh: '服务器不支持请求所使用的 HTTP 主版本。',
  },
  506: {
    en: 'The server is misconfigured: the variant picked by transparent content negotiation is itself set up to negotiate.',
    zh: '服务器配置错误：透明内容协商选出的变体本身又被配置为进行协商。',
  },
  507: {
    en: 'The server cannot store what it needs to complete the request; the condition is considered temporary.',
    zh: '服务器无法存储完成请求所需的数据；这一情况被视为暂时的。',
  },
  508: {
    en: 'The server stopped a WebDAV operation with Depth: infinity because it ran into an infinite loop.',
    zh: '服务器在处理 Depth: infinity 的 WebDAV 操作时遇到无限循环，因此终止了该操作。',
  },
  510: {
    en: 'The request lacks the HTTP extension declarations that the server requires to process it.',
    zh: '请求缺少服务器处理它所需的 HTTP 扩展声明。',
  },
  511: {
    en: 'The client must authenticate to gain network access, typically by signing in to a captive portal.',
    zh: '客户端需要先进行身份验证才能访问网络，通常是登录强制门户。',
  },
}

/** Descriptions of the 1xx, 2xx and 3xx statuses. */
export const otherDescriptions: { readonly [C in Exclude<TableCode, ErrorTableCode>]: Descriptions } = {
  // 1xx Informational
  100: {
    en: 'The server has received the request headers and not rejected them, so a client that sent Expect: 100-continue can send the body.',
    zh: '服务器已收到请求头且未拒绝，发送了 Expect: 100-continue 的客户端现在可以发送请求体。',
  },
  101: {
    en: 'The server is switching to the protocol named in the Upgrade header, and the connection speaks that protocol from now on.',
    zh: '服务器正在切换到 Upgrade 头中指定的协议，此后连接将使用该协议通信。',
  },
  102: {
    en: 'A legacy WebDAV interim response saying the server is still working on a long request, so the client should keep waiting.',
    zh: '旧版 WebDAV 的临时响应，表示服务器仍在处理耗时较长的请求，客户端应继续等待。',
  },
  103: {
    en: 'An interim response carrying hints, usually Link headers, so the client can start loading resources before the final response.',
    zh: '携带提示信息（通常是 Link 头）的临时响应，让客户端在最终响应到达前开始加载资源。',
  },
  104: {
    en: 'An interim response telling the client that this upload can be resumed, with Location naming the upload resource to resume against.',
    zh: '临时响应，告知客户端此次上传可以续传，Location 头给出用于续传的上传资源地址。',
  },
  // 2xx Successful
  200: {
    en: 'The request succeeded and the response carries its result.',
    zh: '请求成功，响应中包含请求的结果。',
  },
  201: {
    en: 'The request succeeded and created a new resource, identified by the Location header or else by the request URI.',
    zh: '请求成功并创建了新资源，新资源由 Location 头标识，没有该头时即为请求的 URI。',
  },
  202: {
    en: 'The request was accepted for processing, but the work has not finished yet and may still fail.',
    zh: '请求已被接受处理，但处理尚未完成，之后仍可能失败。',
  },
  203: {
    en: 'The request succeeded, but a transforming proxy changed the content that the origin server sent.',
    zh: '请求成功，但中间的转换代理修改了源服务器发送的内容。',
  },
  204: {
    en: 'The request succeeded and there is no content to send back.',
    zh: '请求成功，没有需要返回的内容。',
  },
  205: {
    en: 'The request succeeded and the client should reset the form or view that sent it.',
    zh: '请求成功，客户端应重置发起该请求的表单或视图。',
  },
  206: {
    en: 'The server is sending only the parts of the representation that the Range header asked for.',
    zh: '服务器只返回了 Range 请求头所要求的那部分内容。',
  },
  207: {
    en: 'A WebDAV response whose XML body reports a separate status for each of several resources.',
    zh: 'WebDAV 响应，其 XML 正文分别报告多个资源各自的状态。',
  },
  208: {
    en: 'Used inside a WebDAV multistatus body to say that the members of a binding were listed earlier and are not repeated.',
    zh: '用于 WebDAV 多状态正文中，表示该绑定的成员已在前面列出，不再重复。',
  },
  226: {
    en: 'The server applied the instance manipulations that the client asked for in A-IM, such as a delta, to the current resource.',
    zh: '服务器已按客户端在 A-IM 头中的要求，对当前实例应用了增量等实例操作。',
  },
  // 3xx Redirection
  300: {
    en: 'The resource has several representations and the client should pick one; Location may name the one the server prefers.',
    zh: '该资源有多种表示形式，客户端需要从中选择一种；Location 头可能给出服务器推荐的那一种。',
  },
  301: {
    en: 'The resource has moved for good to the URI in Location, so clients should update their links.',
    zh: '资源已永久迁移到 Location 头给出的地址，客户端应更新其链接。',
  },
  302: {
    en: 'The resource is at the URI in Location for now, and clients should keep using the original URI in future.',
    zh: '资源暂时位于 Location 头给出的地址，客户端今后仍应使用原地址。',
  },
  303: {
    en: 'The result is available at the URI in Location, which the client should fetch with GET.',
    zh: '请求结果可在 Location 头给出的地址获取，客户端应使用 GET 请求该地址。',
  },
  304: {
    en: 'The copy that the client already has cached is still valid, so no content is sent.',
    zh: '客户端已缓存的副本仍然有效，因此不返回内容。',
  },
  305: {
    en: 'A deprecated code that once asked the client to repeat the request through a proxy; do not send it.',
    zh: '已弃用的状态码，曾要求客户端通过代理重发请求；不要再发送它。',
  },
  306: {
    en: 'A reserved code from an early draft that is no longer used and should never be sent.',
    zh: '来自早期草案的保留状态码，现已不再使用，不应发送。',
  },
  307: {
    en: 'The resource is at the URI in Location for now; repeat the request there with the same method and content.',
    zh: '资源暂时位于 Location 头给出的地址；请使用相同的方法和内容向该地址重发请求。',
  },
  308: {
    en: 'The resource has moved for good to the URI in Location; repeat the request there with the same method and update links.',
    zh: '资源已永久迁移到 Location 头给出的地址；请使用相同的方法向该地址重发请求并更新链接。',
  },
}
