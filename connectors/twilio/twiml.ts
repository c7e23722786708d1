/**
 * The TwiML answer to an inbound message. Twilio texts back whatever <Message> it holds, so the
 * answer is empty unless there is something to say: the 187 line to whoever reports a gas smell
 * (DOMAIN.md rule 7), and a receipt when configured. Nothing to a machine's text, or two
 * auto-replies answer each other; but a text that reports a gas smell gets the 187 line even when
 * it looks automatic ("driving, will call later, but there is a gas smell"): a person in a hurry
 * wrote it, and no loop can start, since an auto-reply to our advice reports no gas smell. Texts
 * are short and plain: a Turkish letter makes an SMS UCS-2, 70 characters a segment.
 */
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';

export const emergencyAdvice = "Gaz kokusu/kaçağı bildirdiniz: hemen 187 Doğalgaz Acil'i arayın. Gas smell or leak: call 187 now.";
export const receiptText = 'Mesajınız alındı. Your message was received.';

export interface AnswerFacts {
  emergency: boolean;
  automatic: boolean;
}

export interface ReplySettings {
  readonly emergencyAdvice: boolean;
  readonly receipt: boolean;
}

export function twimlAnswer(facts: AnswerFacts, replies: ReplySettings): string {
  const response = new MessagingResponse();
  if (facts.emergency && replies.emergencyAdvice) response.message(emergencyAdvice);
  else if (replies.receipt && !facts.automatic) response.message(receiptText);
  return response.toString();
}
