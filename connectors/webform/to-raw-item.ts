/** Builds the raw item a web or staff form becomes. Pure. */
import type { ApplicationForm, FieldNotes, RawItem } from '../../schemas/types.generated.js';
import { notesAreEmpty } from './read-fields.js';

export function formToRawItem(form: ApplicationForm, meta: { itemId: string; receivedAt: Date; enteredBy: string | null; notes: FieldNotes }): RawItem {
  const { channel = 'webform', ...fields } = form;
  return {
    schemaVersion: 1,
    itemId: meta.itemId,
    channel,
    receivedAt: meta.receivedAt.toISOString(),
    connector: 'webform',
    sourceRef: meta.itemId,
    enteredBy: meta.enteredBy,
    form: fields,
    ...(notesAreEmpty(meta.notes) ? {} : { fieldNotes: meta.notes }),
    attachments: [],
  };
}
