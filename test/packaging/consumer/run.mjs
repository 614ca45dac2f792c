// The ESM side: every package loaded with import (their "import" export condition).
import * as core from '@http-problem/core'
import * as express from '@http-problem/express'
import * as koa from '@http-problem/koa'
import * as fastify from '@http-problem/fastify'
import * as fetchAdapter from '@http-problem/fetch'
import * as node from '@http-problem/node'
import * as opentelemetry from '@http-problem/opentelemetry'
import 'reflect-metadata'
import * as nest from '@http-problem/nest'
import * as nestSwagger from '@http-problem/nest/swagger'
import * as swagger from '@nestjs/swagger'
import * as nestCommon from '@nestjs/common'
import * as nestCore from '@nestjs/core'
import * as sdk from '@opentelemetry/sdk-trace-base'
import expressFramework from 'express'
import Koa from 'koa'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { createRequire } from 'node:module'
import exerciseModule from './exercise.cjs'

const otherCore = createRequire(import.meta.url)('@http-problem/core')
await exerciseModule.exercise('import', {
  core, express, koa, fastify, fetchAdapter, node, opentelemetry, sdk, otherCore, nest, nestSwagger, swagger,
  nestjs: { common: nestCommon, core: nestCore },
  frameworks: { express: expressFramework, Koa, Fastify, Hono },
})
