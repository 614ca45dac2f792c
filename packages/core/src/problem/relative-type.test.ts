import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineProblemType, NotFound, parseProblem, planResponse, resolveOptions, toResponse } from '../index'

function render(thrown: unknown, options = resolveOptions({ traceId: false })): string {
  return planResponse(thrown, { method: 'GET', headers: { accept: 'application/problem+json' } }, options).body
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a relative problem type without typeBase', () => {
  it('is sent as it is, with one warning per type however often it is rendered', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const OutOfCredit = defineProblemType()({ type: 'out-of-credit-once', title: 'Out of credit', status: 403 })
    expect(render(new OutOfCredit())).toBe('{"type":"out-of-credit-once","title":"Out of credit","status":403}')
    render(new OutOfCredit())
    render(new NotFound({ type: 'out-of-credit-once' }))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toBe('[http-problem] relative problem type "out-of-credit-once" sent as it is: set typeBase (docs/rendering.md)')
    render(new NotFound({ type: 'another-relative' }))
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('is resolved, without a warning, once typeBase is set', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const Type = defineProblemType()({ type: 'resolved-type', title: 'Resolved', status: 400 })
    expect(render(new Type(), resolveOptions({ traceId: false, typeBase: 'https://example.com/probs/' }))).toBe(
      '{"type":"https://example.com/probs/resolved-type","title":"Resolved","status":400}',
    )
    expect(warn).not.toHaveBeenCalled()
  })

  it('warns about nothing with log: false, nor for absolute types and about:blank', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(new NotFound({ type: 'quiet-type' }), resolveOptions({ log: false }))
    render(new NotFound({ type: 'https://example.com/probs/x' }))
    render(new NotFound())
    expect(warn).not.toHaveBeenCalled()
  })

  it('still renders when console.warn throws', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {
      throw new Error('no console here')
    })
    expect(render(new NotFound({ type: 'throwing-console' }))).toBe('{"type":"throwing-console","title":"Not Found","status":404}')
  })
})

describe('parseProblem with a relative problem type', () => {
  const OutOfCredit = defineProblemType<{ balance: number }>()({ type: 'out-of-credit', title: 'Out of credit', status: 403 })
  const request = new Request('http://x.test/a', { headers: { accept: 'application/problem+json' } })
  const serverWithBase = resolveOptions({ typeBase: 'https://api.example.com/probs/', traceId: false })
  const silent = resolveOptions({ traceId: false, log: false })

  it('matches a server with the same typeBase', async () => {
    const response = toResponse(new OutOfCredit({ balance: 1 }), request, serverWithBase)
    const error = await parseProblem(response, { types: [OutOfCredit], typeBase: 'https://api.example.com/probs/' })
    expect(error).toBeInstanceOf(OutOfCredit)
  })

  it('without typeBase, matches the absolute type whose path ends with it', async () => {
    const error = await parseProblem(toResponse(new OutOfCredit({ balance: 1 }), request, serverWithBase), { types: [OutOfCredit] })
    expect(error).toBeInstanceOf(OutOfCredit)
    expect(error.extensions).toEqual({ balance: 1 })
  })

  it('without typeBase, matches the relative type sent as it is', async () => {
    const error = await parseProblem(toResponse(new OutOfCredit({ balance: 1 }), request, silent), { types: [OutOfCredit] })
    expect(error).toBeInstanceOf(OutOfCredit)
  })

  it.each([
    ['a different last segment', 'https://api.example.com/probs/not-out-of-credit'],
    ['a longer path', 'https://api.example.com/probs/out-of-credit/more'],
    ['a query', 'https://api.example.com/probs/out-of-credit?x=1'],
    ['a fragment', 'https://api.example.com/probs/out-of-credit#x'],
  ])('without typeBase, does not match %s', async (_name, type) => {
    const error = await parseProblem(toResponse(new NotFound({ type }), request, silent), { types: [OutOfCredit] })
    expect(error).not.toBeInstanceOf(OutOfCredit)
    expect(error.type).toBe(type)
  })

  it('with a different typeBase, matches only the type resolved against it', async () => {
    const response = toResponse(new OutOfCredit({ balance: 1 }), request, serverWithBase)
    const error = await parseProblem(response, { types: [OutOfCredit], typeBase: 'https://other.example/probs/' })
    expect(error).not.toBeInstanceOf(OutOfCredit)
  })
})

describe('message and String() of a problem type error', () => {
  const OutOfCredit = defineProblemType()({ type: 'https://x.test/out-of-credit', title: 'You do not have enough credit.', status: 403 })

  it('use the type title when there is no detail', () => {
    expect(new OutOfCredit().message).toBe('You do not have enough credit.')
    expect(String(new OutOfCredit())).toBe('OutOfCreditError: You do not have enough credit.')
  })

  it('use the detail when there is one, and the status phrase for a class without a title', () => {
    expect(String(new OutOfCredit(undefined, { detail: 'Balance 30, cost 50.' }))).toBe('OutOfCreditError: Balance 30, cost 50.')
    expect(String(new NotFound())).toBe('NotFoundError: Not Found')
    expect(String(NotFound.expected({ title: 'No such user' }))).toBe('NotFoundError: No such user')
  })
})
