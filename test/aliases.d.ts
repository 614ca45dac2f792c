// The npm aliases under test (express4, express5, koa2, koa3) ship no types of their own: they share the
// framework's @types package, which covers both majors' public API for what these tests use.
declare module 'express4' {
  import express = require('express')
  export = express
}
declare module 'express5' {
  import express = require('express')
  export = express
}
declare module 'koa2' {
  import Koa = require('koa')
  export = Koa
}
declare module 'koa3' {
  import Koa = require('koa')
  export = Koa
}
