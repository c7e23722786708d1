/**
 * Every JSON Schema of `schemas/`, registered once in one ajv instance, with typed validators.
 * The types come from `schemas/types.generated.ts`, which is derived from the same files.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import acknowledgementConfig from '../schemas/acknowledgement-config.schema.json' with { type: 'json' };
import applicationForm from '../schemas/application-form.schema.json' with { type: 'json' };
import blobRef from '../schemas/blob-ref.schema.json' with { type: 'json' };
import channel from '../schemas/channel.schema.json' with { type: 'json' };
import config from '../schemas/config.schema.json' with { type: 'json' };
import customer from '../schemas/customer.schema.json' with { type: 'json' };
import decisionKind from '../schemas/decision-kind.schema.json' with { type: 'json' };
import decision from '../schemas/decision.schema.json' with { type: 'json' };
import documentsConfig from '../schemas/documents-config.schema.json' with { type: 'json' };
import emailConfig from '../schemas/email-config.schema.json' with { type: 'json' };
import emergencyAlert from '../schemas/emergency-alert.schema.json' with { type: 'json' };
import fieldNotes from '../schemas/field-notes.schema.json' with { type: 'json' };
import fieldSource from '../schemas/field-source.schema.json' with { type: 'json' };
import mediaJob from '../schemas/media-job.schema.json' with { type: 'json' };
import ocrConfig from '../schemas/ocr-config.schema.json' with { type: 'json' };
import ocrJob from '../schemas/ocr-job.schema.json' with { type: 'json' };
import outcome from '../schemas/outcome.schema.json' with { type: 'json' };
import rawItem from '../schemas/raw-item.schema.json' with { type: 'json' };
import reasonCode from '../schemas/reason-code.schema.json' with { type: 'json' };
import subscriber from '../schemas/subscriber.schema.json' with { type: 'json' };
import textSource from '../schemas/text-source.schema.json' with { type: 'json' };
import topicCatalogue from '../schemas/topic-catalogue.schema.json' with { type: 'json' };
import transcriptionConfig from '../schemas/transcription-config.schema.json' with { type: 'json' };
import transcriptionJob from '../schemas/transcription-job.schema.json' with { type: 'json' };
import twilioConfig from '../schemas/twilio-config.schema.json' with { type: 'json' };
import webformConfig from '../schemas/webform-config.schema.json' with { type: 'json' };
import type { ApplicationForm, Decision, EmergencyAlert, IntakeConfig, MediaJob, OcrJob, Outcome, RawItem, Subscriber, TopicCatalogue, TranscriptionJob } from '../schemas/types.generated.js';

// ajv-formats is CommonJS with a default export; under NodeNext that arrives as `.default`.
const addFormats = addFormatsModule.default;

const all = [acknowledgementConfig, applicationForm, blobRef, channel, config, customer, decisionKind, decision, documentsConfig, emailConfig, emergencyAlert, fieldNotes, fieldSource, mediaJob, ocrConfig, ocrJob, outcome, rawItem, reasonCode, subscriber, textSource, topicCatalogue, transcriptionConfig, transcriptionJob, twilioConfig, webformConfig];

/** A field-level validation problem, free of the offending value (it may be personal data). */
export interface FieldError { path: string; message: string }

function build(options: { useDefaults: boolean; coerceTypes: boolean }): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: options.useDefaults, coerceTypes: options.coerceTypes });
  addFormats(ajv, ['date-time', 'email']);
  // Annotations of config.schema.json: which variable overrides a key, and which keys are secret.
  ajv.addKeyword({ keyword: 'x-env', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
  for (const schema of all) ajv.addSchema(schema);
  return ajv;
}

const strictAjv = build({ useDefaults: false, coerceTypes: false });
const defaultingAjv = build({ useDefaults: true, coerceTypes: false });

function validator<T>(ajv: Ajv, id: string): ValidateFunction<T> {
  const fn = ajv.getSchema<T>(id);
  if (!fn) throw new Error(`schema ${id} is not registered`);
  return fn;
}

export const validateRawItem = validator<RawItem>(strictAjv, 'raw-item.schema.json');
export const validateDecision = validator<Decision>(strictAjv, 'decision.schema.json');
export const validateEmergencyAlert = validator<EmergencyAlert>(strictAjv, 'emergency-alert.schema.json');
export const validateOutcome = validator<Outcome>(strictAjv, 'outcome.schema.json');
export const validateSubscriber = validator<Subscriber>(strictAjv, 'subscriber.schema.json');
export const validateTopicCatalogue = validator<TopicCatalogue>(strictAjv, 'topic-catalogue.schema.json');
export const validateTranscriptionJob = validator<TranscriptionJob>(strictAjv, 'transcription-job.schema.json');
export const validateOcrJob = validator<OcrJob>(strictAjv, 'ocr-job.schema.json');
export const validateMediaJob = validator<MediaJob>(strictAjv, 'media-job.schema.json');
export const validateApplicationForm = validator<ApplicationForm>(defaultingAjv, 'application-form.schema.json');
/** Applies the defaults in place, so the caller passes a copy. */
export const validateConfig = validator<IntakeConfig>(defaultingAjv, 'config.schema.json');

/** The raw JSON Schema documents, for walking annotations (`x-env`, `x-secret`). */
export const schemaDocuments: ReadonlyMap<string, unknown> = new Map(all.map((s) => [s.$id, s]));

/** Turns ajv errors into field errors that name the path and never echo the value. */
export function fieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  // A failed if/then also reports the branch as a whole; the branch's own errors already name the keys.
  return (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => {
    const base = e.instancePath === '' ? '' : e.instancePath.slice(1).replaceAll('/', '.');
    if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      return { path: base ? `${base}.${extra}` : extra, message: 'is not a known field' };
    }
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { path: base ? `${base}.${missing}` : missing, message: 'is required' };
    }
    return { path: base || '(root)', message: e.message ?? e.keyword };
  });
}
