import type { TableCode } from './table'
import type { ErrorTableCode } from './texts'

// Simplified Chinese titles of every registered status, written by us. The error statuses' titles are in every
// renderer bundle (the built-in zh-CN locale); the others only in `statuses` and `getStatus`.

/** Simplified Chinese titles of the 4xx and 5xx statuses, the only ones a problem carries. */
export const errorTitlesZh: { readonly [C in ErrorTableCode]: string } = {
  // 4xx Client Error
  400: '错误请求',
  401: '未授权',
  402: '需要付款',
  403: '禁止访问',
  404: '未找到',
  405: '方法不允许',
  406: '不可接受',
  407: '需要代理身份验证',
  408: '请求超时',
  409: '冲突',
  410: '已删除',
  411: '需要内容长度',
  412: '前提条件失败',
  413: '内容过大',
  414: 'URI 过长',
  415: '不支持的媒体类型',
  416: '范围无法满足',
  417: '预期失败',
  418: '我是茶壶',
  421: '错误定向的请求',
  422: '无法处理的内容',
  423: '已锁定',
  424: '依赖失败',
  425: '请求过早',
  426: '需要升级',
  428: '需要前提条件',
  429: '请求过多',
  431: '请求头字段过大',
  451: '因法律原因不可用',
  // 5xx Server Error
  500: '服务器内部错误',
  501: '未实现',
  502: '网关错误',
  503: '服务不可用',
  504: '网关超时',
  505: 'HTTP 版本不受支持',
  506: '变体也在协商',
  507: '存储空间不足',
  508: '检测到循环',
  510: '未扩展',
  511: '需要网络身份验证',
}

/** Simplified Chinese titles of the 1xx, 2xx and 3xx statuses. */
export const otherTitlesZh: { readonly [C in Exclude<TableCode, ErrorTableCode>]: string } = {
  // 1xx Informational
  100: '继续',
  101: '切换协议',
  102: '处理中',
  103: '早期提示',
  104: '支持上传续传',
  // 2xx Successful
  200: '成功',
  201: '已创建',
  202: '已接受',
  203: '非权威信息',
  204: '无内容',
  205: '重置内容',
  206: '部分内容',
  207: '多状态',
  208: '已报告',
  226: '已应用实例操作',
  // 3xx Redirection
  300: '多种选择',
  301: '永久移动',
  302: '临时移动',
  303: '查看其他位置',
  304: '未修改',
  305: '使用代理',
  306: '（未使用）',
  307: '临时重定向',
  308: '永久重定向',
}
