/**
 * What a failed Messages API call means for an acknowledgement: worth another attempt, or refused
 * for good. The client's error is not kept as the cause: Twilio's message quotes the number ("The
 * 'To' number +90… is not a valid phone number"), and an HTTP client error carries the request, its
 * form (To, Body) and its Authorization header. What stays is enough to diagnose: the HTTP status,
 * Twilio's numeric error code, or the network error's code.
 */
import { IntakeError } from '../runtime/errors.js';

interface ErrorShape {
  status?: unknown;
  code?: unknown;
  isAxiosError?: unknown;
  response?: { status?: unknown };
}

/** 429 and 5xx are Twilio's "not now"; every other 4xx says the same again when retried. */
function isTemporaryStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** INTAKE_SMS_UNAVAILABLE (retriable) or INTAKE_SMS_REJECTED, with the HTTP status and Twilio's code. */
export function translateTwilioError(error: unknown): IntakeError {
  if (error instanceof IntakeError) return error;
  const e: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  if (e.isAxiosError === true) {
    // The request did not get an answer (the client takes every status as an answer).
    const httpStatus = typeof e.response?.status === 'number' ? e.response.status : null;
    const reason = typeof e.code === 'string' ? e.code : 'network';
    return new IntakeError('INTAKE_SMS_UNAVAILABLE', `Twilio did not answer (${httpStatus ?? reason})`, { details: { httpStatus, twilioCode: null, reason } });
  }
  if (typeof e.status === 'number') {
    // A RestException: Twilio (or a proxy before it) answered outside 2xx.
    const httpStatus = e.status;
    const twilioCode = typeof e.code === 'number' ? e.code : null;
    const details = { httpStatus, twilioCode, reason: `http-${httpStatus}` };
    return isTemporaryStatus(httpStatus)
      ? new IntakeError('INTAKE_SMS_UNAVAILABLE', `Twilio did not take the acknowledgement (${httpStatus}${twilioCode === null ? '' : `, ${twilioCode}`})`, { details })
      : new IntakeError('INTAKE_SMS_REJECTED', `Twilio refused the acknowledgement (${httpStatus}${twilioCode === null ? '' : `, ${twilioCode}`})`, { details });
  }
  // The client refused the request before sending it (a missing parameter): sending it again changes nothing.
  return new IntakeError('INTAKE_SMS_REJECTED', 'The Twilio client refused the acknowledgement', { details: { httpStatus: null, twilioCode: null, reason: 'client' } });
}
