/**
 * What the web form answers once the application is safely in Kafka. A reported gas smell or leak
 * is not something to wait on: the answer sends the person to 187 at once (DOMAIN.md rule 7).
 */
export interface Acknowledgement {
  itemId: string;
  status: 'accepted';
  emergency: boolean;
  message: string;
}

export const emergencyMessage =
  'Gaz kokusu veya gaz kaçağı bildirdiniz: lütfen hemen 187 Doğal Gaz Acil hattını arayın. ' +
  'You reported a gas smell or leak: call the 187 gas emergency line now.';

const acceptedMessage = 'Başvurunuz alındı; sonucu size bildirilecektir. Your application was received.';

export function acknowledgement(itemId: string, emergency: boolean): Acknowledgement {
  return { itemId, status: 'accepted', emergency, message: emergency ? emergencyMessage : acceptedMessage };
}
