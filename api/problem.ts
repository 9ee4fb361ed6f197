import type { Response } from 'express';

/** One field-level defect in a request: a JSON pointer-ish path and what is wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem details body, with the hub's `errors` extension listing field defects. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown by handlers to answer with a problem; the error middleware renders it. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** Builds a problem whose `type` is a stable, documented slug under /problems/. */
export function problem(status: number, slug: string, title: string, extra: Partial<Problem> = {}): Problem {
  return { type: `/problems/${slug}`, title, status, ...extra };
}

/** Writes `p` as application/problem+json. */
export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}
