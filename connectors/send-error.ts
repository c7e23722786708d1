/** The JSON error the Twilio and document routes answer with: the code, a message free of the request's values, and the fields at fault. */
import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../runtime/errors.js';
import type { FieldError } from '../runtime/schemas.js';

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string, fields?: FieldError[]): FastifyReply {
  return reply.code(status).type('application/json').send({ error: fields ? { code, message, fields } : { code, message } });
}
