import express, { type RequestHandler } from 'express';

export const JSON_BODY_LIMIT_KB = 100;

/** Parses `application/json` bodies; the error handler maps its failures to 400/413/415. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: `${JSON_BODY_LIMIT_KB}kb` });
}
