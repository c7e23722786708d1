/**
 * The one JSON object `intake check` prints. Its keys are a contract that later channels extend:
 * `{decision, emergency, customer, topic, unit, resolutionHours, reasons}`, null where unknown; issue 7
 * added the address, description, proposed solution, case reference and contact person.
 */
import type { Decision } from '../schemas/types.generated.js';
import type { ErrorCode } from '../runtime/errors.js';
import type { FieldError } from '../runtime/schemas.js';

export interface CheckReport {
  decision: Decision['kind'] | 'rejected';
  emergency: boolean;
  customer: Pick<Decision['customer'], 'fullName' | 'nationalId' | 'contractAccountNumber' | 'phone' | 'email' | 'district' | 'address'>;
  description: string | null;
  proposedSolution: string | null;
  caseRef: string | null;
  contactPerson: Decision['contactPerson'];
  topic: Decision['topic'];
  unit: string | null;
  resolutionHours: number | null;
  reasons: string[];
  /** Only for faxes and letters: how the document was read, and the petition's registry number. */
  document?: NonNullable<Decision['document']>;
  /** Only for `rejected`: which fields were malformed. */
  errors?: FieldError[];
}

export function reportDecision(d: Decision): CheckReport {
  const { fullName, nationalId, contractAccountNumber, phone, email, district, address } = d.customer;
  return {
    decision: d.kind,
    emergency: d.emergency,
    customer: { fullName, nationalId, contractAccountNumber, phone, email, district, address },
    description: d.description,
    proposedSolution: d.proposedSolution,
    caseRef: d.caseRef,
    contactPerson: d.contactPerson,
    topic: d.topic,
    unit: d.unit,
    resolutionHours: d.resolutionHours,
    reasons: d.reasons,
    ...(d.document === undefined ? {} : { document: d.document }),
  };
}

export function reportRejection(code: ErrorCode, errors: FieldError[]): CheckReport {
  return {
    decision: 'rejected',
    emergency: false,
    customer: { fullName: null, nationalId: null, contractAccountNumber: null, phone: null, email: null, district: null, address: null },
    description: null,
    proposedSolution: null,
    caseRef: null,
    contactPerson: null,
    topic: null,
    unit: null,
    resolutionHours: null,
    reasons: [code],
    errors,
  };
}
