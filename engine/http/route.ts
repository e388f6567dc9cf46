import type { Static, TSchema } from '@sinclair/typebox';
import type { Request, Response } from 'express';
import type { Actor, Role } from '../services/actor.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<B, Q, P> {
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  req: Request;
  res: Response;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A stream or file the route writes itself (downloads). */
  handled?: boolean;
}

/**
 * A route is data: its schemas validate the request and are published in the OpenAPI document.
 * The handler only translates HTTP to one service call; services do the checks of role and scope.
 */
export interface RouteDef<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema> {
  method: Method;
  path: string; // express style: /api/applications/:id
  summary: string;
  tags: string[];
  /** 'public' routes need no session; otherwise a session is required (roles are checked in services). */
  auth?: 'public' | 'session';
  /** Roles listed for documentation; enforcement lives in the service. */
  roles?: Role[];
  body?: B;
  query?: Q;
  params?: P;
  multipart?: {
    fileField: string;
    fields: Record<string, TSchema>;
    /** Runs before any byte of the upload is written (the caller may upload here at all?). */
    beforeUpload?: (ctx: { actor: Actor; params: Static<P> }) => Promise<void>;
  };
  responses: Record<number, { description: string; schema?: TSchema; contentType?: string }>;
  handler: (ctx: RouteContext<Static<B>, Static<Q>, Static<P>>) => Promise<RouteResult | unknown>;
}

export function route<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema>(def: RouteDef<B, Q, P>): RouteDef {
  return def as unknown as RouteDef;
}
