import type { Request } from 'express';

/** A named path parameter as one string (Express types allow arrays for wildcards). */
export function routeParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}
