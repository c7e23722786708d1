/* Generated from schemas/*.schema.json by `npm run schemas:types`. Do not edit. */

/**
 * Telling customers their application was recorded (DOMAIN.md rule 5), one channel each. Off by default: each needs a server or an account to send through
 */
export interface AcknowledgementConfig {
  /**
   * A reply over SMTP to a crm or needs-info e-mail, with its application number in the subject; needs-info replies say what is missing
   */
  email?: {
    enabled?: boolean;
    smtp?: {
      /**
       * The SMTP server (submission); required when enabled
       */
      host?: string | null;
      port?: number;
      /**
       * TLS from the start (465); false uses STARTTLS when the server offers it
       */
      secure?: boolean;
      /**
       * Logs in as this user with the password; null sends without logging in (a relay that trusts the network)
       */
      user?: string | null;
    };
    /**
     * The SMTP user's password
     */
    password?: string | null;
    /**
     * The From of every acknowledgement, e.g. "İGDAŞ Çağrı Merkezi <basvuru@igdas.example>"; required when enabled. Its address counts as one of ours
     */
    from?: string | null;
    /**
     * Addresses of ours (the intake mailboxes): mail from them is never answered, so we never answer ourselves
     */
    ownAddresses?: string[];
    /**
     * Domains of ours: mail from any address there is never answered
     */
    ownDomains?: string[];
    consumerGroup?: string;
    /**
     * An outcome recorded longer ago than this is not answered: a new consumer group reads the outcome topics from their beginning, and customers must not get acknowledgements of old applications
     */
    maxAgeHours?: number;
    /**
     * Backoff for an SMTP server that does not answer; after the last attempt the acknowledgement is recorded as failed and the next outcome goes on
     */
    retry?: {
      attempts?: number;
      initialMs?: number;
      maxMs?: number;
    };
  };
  /**
   * A short text through Twilio's Messages API to the number a crm or needs-info SMS came from, with its application number; needs-info texts say what is missing, an emergency names 187
   */
  sms?: {
    enabled?: boolean;
    /**
     * The Twilio account that sends; required when enabled
     */
    accountSid?: string | null;
    /**
     * The account's auth token (basic-auth password of every request); required when enabled. Its own variable, so that sending can use another account than the connector's
     */
    authToken?: string | null;
    /**
     * The sending number (E.164) of the account; exactly one of from and messagingServiceSid is required when enabled
     */
    from?: string | null;
    /**
     * A Messaging Service that picks the sender (its number pool or an alphanumeric sender ID); exactly one of from and messagingServiceSid is required when enabled
     */
    messagingServiceSid?: string | null;
    /**
     * Scheme and host the Messages API is called at; only tests and proxies change it
     */
    apiBaseUrl?: string;
    /**
     * The longest one request to Twilio may take
     */
    timeoutMs?: number;
    consumerGroup?: string;
    /**
     * An outcome recorded longer ago than this is not answered: a new consumer group reads the outcome topics from their beginning
     */
    maxAgeHours?: number;
    /**
     * Backoff while Twilio does not answer, answers 5xx or 429; a 4xx is not retried. After the last attempt the acknowledgement is recorded as failed and the next outcome goes on
     */
    retry?: {
      attempts?: number;
      initialMs?: number;
      maxMs?: number;
    };
  };
}

/**
 * The fields of the web application form (Müşteri Öneri Talep ve Şikâyet formu), also used by agents for phone and face-to-face applications. Every field is optional here: what is missing is a decision (needs-info), not a malformed request.
 */
export interface ApplicationForm {
  /**
   * Ad Soyad
   */
  fullName?: string;
  phone?: string;
  email?: string;
  /**
   * Whether the person has a subscription or contract (abonelik/sözleşme)
   */
  isSubscriber?: boolean;
  /**
   * Sözleşme Hesap Numarası
   */
  contractAccountNumber?: string;
  /**
   * T.C. Kimlik Numarası; personal data
   */
  nationalId?: string;
  /**
   * İlçe
   */
  district?: string;
  address?: string;
  mainTopic?: string;
  subTopic?: string;
  /**
   * The complaint, request or suggestion itself
   */
  description?: string;
  /**
   * The customer's own proposed solution (çözüm önerisi), kept when given
   */
  proposedSolution?: string;
  /**
   * phone and face-to-face are entered by staff and need an API key
   */
  channel?: 'webform' | 'phone' | 'face-to-face';
}

/**
 * A binary kept in the content-addressed blob store
 */
export interface BlobRef {
  ref: string;
  contentType: string;
  /**
   * bytes
   */
  size: number;
  name?: string;
}

/**
 * How an application reached the utility
 */
export type Channel =
  'webform' | 'phone' | 'face-to-face' | 'email' | 'sms' | 'voicemail' | 'fax' | 'letter';

/**
 * The daemon's one configuration file (JSON). Every key has a default, so an empty file or none runs everything locally. `x-env` names the environment variable that overrides a key; `x-secret` keys are never logged.
 */
export interface IntakeConfig {
  /**
   * Local state: the launched Kafka broker, the embedded database, the blob store
   */
  dataDir?: string;
  log?: {
    level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  };
  kafka?: {
    /**
     * host:port list of an existing cluster; null launches a local single-node broker under dataDir
     *
     * @minItems 1
     */
    brokers?: string[] | null;
    /**
     * Port of the locally launched broker
     */
    localPort?: number;
    clientId?: string;
    partitions?: number;
    replicationFactor?: number;
    /**
     * The longest a connector's publish waits for others to share its send to Kafka when none is in flight; it stops waiting once as many wait as the last send carried. Publishes arriving while a send is in flight always go together in the next one
     */
    captureLingerMs?: number;
    topics?: {
      /**
       * Raw items from every connector, keyed by item id
       */
      raw?: string;
      /**
       * Gas smell or leak reports, published by the connector at capture, before anything else, for the 187 dispatcher
       */
      emergency?: string;
      crm?: string;
      needsInfo?: string;
      archiveOnly?: string;
      ignored?: string;
      deadLetter?: string;
      /**
       * Recordings whose text must first be made (voicemail), published by the connector for the transcription workers, keyed by item id
       */
      transcription?: string;
      /**
       * Scanned faxes and letters whose text must first be read, published at capture for the OCR workers, keyed by item id
       */
      ocr?: string;
      /**
       * MMS whose media must first be fetched: jobs published by the Twilio connector (after the alert of a gas emergency) for the media workers, keyed by item id
       */
      media?: string;
    };
  };
  database?: {
    /**
     * PostgreSQL connection string; null uses the embedded database under dataDir
     */
    url?: string | null;
    /**
     * PostgreSQL schema for the CRM tables, created if missing; null uses the connection's default (public)
     */
    schema?: string | null;
  };
  normalizer?: {
    enabled?: boolean;
    consumerGroup?: string;
    /**
     * A repeat of the same complaint by the same person within this many hours, on any channel, is linked to the first record; 0 turns linking off
     */
    duplicateWindowHours?: number;
    /**
     * A required field read out of OCR or a speech-to-text transcript less sure than this counts as not given (LOW_CONFIDENCE_FIELD): an unreadable fax is archived rather than recorded with a wrong national ID
     */
    minFieldConfidence?: number;
    /**
     * How long a crashed normalizer keeps its partitions before the group hands them on (the broker's group.min.session.timeout.ms is 6000)
     */
    sessionTimeoutMs?: number;
    /**
     * How many partitions' batches one normalizer decides at once while another batch is being written; writes still go one batch at a time. More than the raw topic's partitions adds nothing
     */
    concurrentBatches?: number;
    /**
     * Backoff for retriable failures (database or Kafka down) before the consumer restarts
     */
    retry?: {
      attempts?: number;
      initialMs?: number;
      maxMs?: number;
    };
  };
  connectors?: {
    webform?: WebformConfig;
    email?: EmailConfig;
    twilio?: TwilioConfig;
    documents?: DocumentsConfig;
  };
  transcription?: TranscriptionConfig;
  ocr?: OcrConfig;
  acknowledgements?: AcknowledgementConfig;
  /**
   * The operator server: the reports API (GET /v1/reports), the live dashboard (GET /dashboard, GET /v1/overview) and the operator endpoints; everything but GET /healthz needs an operator token
   */
  reports?: {
    enabled?: boolean;
    /**
     * Loopback by default: put a TLS proxy in front to reach it from elsewhere
     */
    host?: string;
    /**
     * 0 picks a free port (tests)
     */
    port?: number;
    /**
     * name → token for operators and wall screens: Authorization: Bearer <token>, or the dashboard's sign-in form. None configured: every protected route answers 401. From the environment as name=token,name=token
     */
    tokens?: {
      [k: string]: string;
    };
    /**
     * A read-only PostgreSQL user's connection string for the reports, the dashboard and `intake report`; null uses database.url. Reports never migrate the schema
     */
    databaseUrl?: string | null;
  };
}

/**
 * The customer as normalized; null where unknown or invalid. Personal data throughout.
 */
export interface Customer {
  fullName: string | null;
  nationalId: string | null;
  contractAccountNumber: string | null;
  /**
   * E.164
   */
  phone: string | null;
  email: string | null;
  district: string | null;
  address: string | null;
  isSubscriber: boolean | null;
}

/**
 * crm: a complete CRM record. needs-info: recorded, flagged incomplete, the missing data is asked for. archive-only: a fax or letter without the required customer data, only archived. ignored: not an application (an auto-reply, an empty message).
 */
export type DecisionKind = 'crm' | 'needs-info' | 'archive-only' | 'ignored';

/**
 * What the normalizer decided for one raw item, with every reason. Pure output of normalizer/decide.
 */
export interface Decision {
  itemId: string;
  channel: Channel;
  receivedAt: string;
  kind: DecisionKind;
  /**
   * Gas smell or leak reported: belongs on 187, never in a queue
   */
  emergency: boolean;
  reasons: ReasonCode[];
  /**
   * Customer fields to ask for (needs-info) or that were absent (archive-only)
   */
  missing: ('fullName' | 'contact' | 'nationalId' | 'contractAccountNumber' | 'description')[];
  customer: Customer;
  topic: {
    main: string;
    sub: string | null;
  } | null;
  /**
   * Responsible unit (ilgili birim)
   */
  unit: string | null;
  /**
   * Resolution time (çözüm süresi), hours
   */
  resolutionHours: number | null;
  /**
   * receivedAt + resolutionHours
   */
  deadline: string | null;
  description: string | null;
  proposedSolution: string | null;
  enteredBy: string | null;
  /**
   * Why the topic was chosen: the catalogue phrases found in the text (empty when the form chose it or it fell back)
   */
  topicEvidence: string[];
  /**
   * The words that reported gas smell or leak
   */
  emergencyEvidence: string[];
  /**
   * What the subscriber registry said (DOMAIN.md rule 3)
   */
  registry: {
    status: 'matched' | 'not-found' | 'not-looked-up';
    /**
     * Fields the application gave differently from the registry
     */
    mismatches: ('nationalId' | 'phone' | 'fullName')[];
    /**
     * Changed contact data to write back to the registry (only when the national ID matched)
     */
    updates: {
      phone?: string;
      email?: string;
    };
  };
  /**
   * The person who contacted us when it was not the customer: the registry's subscriber under another name, or someone writing for a parent or neighbour; personal data
   */
  contactPerson: {
    fullName: string | null;
    /**
     * Their own number, E.164, when the text said which number is theirs
     */
    phone?: string | null;
  } | null;
  fieldNotes?: FieldNotes;
  /**
   * The first record of the same complaint by the same person within the duplicate window
   */
  linkedTo: {
    itemId: string;
    applicationNumber: string | null;
  } | null;
  /**
   * Where an acknowledgement of the item goes: the e-mail address it came from, and what threads an answer to it. Absent for channels without a return address. Personal data
   */
  replyTo?: {
    address: string;
    messageId?: string;
    subject?: string;
  };
  /**
   * For a fax or letter: how its text was read, and the petition's registry number. Absent for other channels
   */
  document?: {
    registryNumber?: string;
    read: 'text-layer' | 'ocr' | 'mixed' | 'unreadable';
    pages: number;
    problem?: string;
    /**
     * OCR's confidence in the whole text
     */
    confidence?: number;
    original?: BlobRef;
  };
  /**
   * One of our application numbers the item refers to (a follow-up), as read from the form or the text
   */
  caseRef: string | null;
  /**
   * Where each field that has a value came from, and how sure it is; a field without a value is absent
   */
  provenance: {
    fullName?: FieldSource;
    nationalId?: FieldSource;
    contractAccountNumber?: FieldSource;
    phone?: FieldSource;
    email?: FieldSource;
    address?: FieldSource;
    district?: FieldSource;
    description?: FieldSource;
    proposedSolution?: FieldSource;
    caseRef?: FieldSource;
  };
}

/**
 * The documents connector: scanned faxes and letters from watched drop folders (what scanners and fax servers write) and from the mail room's upload endpoint (POST /v1/documents). Each document's original goes to the blob store, its hash makes the item id, and a job goes to the OCR topic; the source is acknowledged (the file moved to done/, the upload answered 202) only after Kafka acknowledged
 */
export interface DocumentsConfig {
  enabled?: boolean;
  /**
   * Drop folders. A file is taken once it has not changed for settleMs; taken files move to `<path>/done/YYYY-MM-DD/`, files that cannot be taken (over maxFileBytes) to `<path>/failed/`. A name starting with `<registry number>__` (EBYS-2026-004512__scan.pdf) gives a petition's registry number
   */
  folders?: {
    path: string;
    channel: 'fax' | 'letter';
  }[];
  /**
   * Between two looks at a drop folder
   */
  pollMs?: number;
  /**
   * A file changed more recently than this may still be being written: it waits
   */
  settleMs?: number;
  batchSize?: number;
  /**
   * Larger files are not taken (a drop-folder file moves to failed/, an upload gets 413); no more than ocr.limits.maxBytes, or they would be taken only to be archived unread
   */
  maxFileBytes?: number;
  upload?: {
    enabled?: boolean;
    host?: string;
    /**
     * 0 picks a free port (tests)
     */
    port?: number;
    requestTimeoutSeconds?: number;
    headersTimeoutSeconds?: number;
    /**
     * name → key for the mail room; the X-Api-Key header must match one. From the environment as name=key,name=key. None: every upload is refused with 401
     */
    apiKeys?: {
      [k: string]: string;
    };
  };
}

/**
 * The e-mail connector: IMAP mailboxes read into the pipeline. Off by default: it needs a mailbox to read
 */
export interface EmailConfig {
  enabled?: boolean;
  /**
   * @maxItems 50
   */
  mailboxes?: {
    /**
     * Names the mailbox in logs, metrics and INTAKE_IMAP_PASSWORDS
     */
    id: string;
    host: string;
    port?: number;
    /**
     * TLS from the start (993); false uses STARTTLS when the server offers it
     */
    secure?: boolean;
    user: string;
    /**
     * The folder customers' mail arrives in
     */
    folder?: string;
    /**
     * Acknowledging a captured mail sets \Seen, besides the connector's own keyword
     */
    markSeen?: boolean;
    /**
     * Acknowledging a captured mail also moves it to this folder (created when missing); mail is never deleted
     */
    moveTo?: string | null;
    /**
     * A mail that cannot be read goes here, after its raw bytes went to the dead-letter topic
     */
    failedFolder?: string;
  }[];
  /**
   * Addresses of e-mail-to-fax gateways (`faks@gateway.example`, or `@gateway.example` for a whole domain): a mail from one carries a fax, so each PDF, TIFF, PNG or JPEG attached goes to the OCR topic as a fax, its hash the item id, instead of the mail becoming an item itself
   */
  faxGateways?: string[];
  /**
   * mailbox id → password. From the environment as id=password,id=password, or as a JSON object when a password holds a comma
   */
  passwords?: {
    [k: string]: string;
  };
  /**
   * How soon after the last command IDLE starts (imapflow waits 15 s unless told), so new mail is seen at once
   */
  idleDelayMs?: number;
  /**
   * How often the folder is searched again when no IDLE notice came (servers without IDLE, missed notices)
   */
  pollSeconds?: number;
  /**
   * Mails fetched in one FETCH, published together and acknowledged with one STORE
   */
  batchMaxMails?: number;
  /**
   * Bound on the raw bytes of one batch in memory (three batches are read at once); a mail larger than this is fetched alone
   */
  batchMaxBytes?: number;
  /**
   * A larger mail is not downloaded: its headers are kept, it goes to the dead-letter topic and to failedFolder
   */
  maxMessageBytes?: number;
  /**
   * Longest wait between two attempts to reach a mailbox (backoff from 1 s)
   */
  reconnectMaxSeconds?: number;
}

/**
 * A report of gas smell or leak, published by the connector the moment it captured the item and before the raw item itself, so the 187 dispatcher never waits behind a queue. Keyed by item id: a retried capture repeats the same alert.
 */
export interface EmergencyAlert {
  schemaVersion: 1;
  itemId: string;
  channel: Channel;
  receivedAt: string;
  /**
   * The words that reported smell or leak
   */
  evidence: string[];
  item: RawItem;
}

/**
 * What a connector set aside or mended while reading a form, by field name only (never values), so the record says why a field is absent or changed
 */
export interface FieldNotes {
  /**
   * Fields the form does not have (CAPTCHA tokens, tracking parameters): ignored. The sender's names, bounded
   *
   * @maxItems 20
   */
  unknown: string[];
  /**
   * Known fields whose value had an unusable type (an array, an object, a fraction): left out
   *
   * @maxItems 20
   */
  dropped: string[];
  /**
   * Text fields holding what the database cannot store (a lone UTF-16 surrogate became U+FFFD, NUL was removed)
   *
   * @maxItems 20
   */
  repaired: string[];
}

/**
 * Where one field of a decision came from and how sure the pipeline is of it. form: typed into a form field; sender: the channel's sender address or number; sender-name: an e-mail's display name; text: read out of typed free text; ocr: read out of OCR text; transcript: read out of a speech-to-text transcript; registry: the subscriber registry.
 */
export interface FieldSource {
  source: 'form' | 'sender' | 'sender-name' | 'text' | 'ocr' | 'transcript' | 'registry';
  /**
   * 1 for a form field, the sender and the registry; for text, how sure the reading is (OCR repairs and the text's own confidence lower it)
   */
  confidence: number;
}

/**
 * What the Twilio connector publishes to the media topic for an MMS, keyed by item id, once it has screened the text (and published the alert of a gas emergency): the raw item as it will be published, without its media, and the media to fetch. A media worker fetches them into the blob store and publishes the raw item with them as its attachments; a re-delivered job is the same item. Personal data: the item's text and sender
 */
export interface MediaJob {
  schemaVersion: 1;
  item: RawItem;
  /**
   * The message's media in order, as Twilio named them (at most ten)
   *
   * @minItems 1
   * @maxItems 10
   */
  media: {
    /**
     * The media's place in the message, from 0: it names the attachment (`media-1.jpg`)
     */
    index: number;
    /**
     * MediaUrlN as Twilio sent it: fetched with the account's credentials, from the configured origins only
     */
    url: string;
    /**
     * MediaContentTypeN as a media type without parameters, when Twilio declared a valid one; used when the file's own answer names none
     */
    contentType: string | null;
  }[];
}

/**
 * The OCR workers, the enrich stage of faxes and letters: in a consumer group of their own on the OCR topic they read each document (a PDF's own text where it has enough, else tesseract.js in Turkish and English, from language data installed with the npm packages, nothing downloaded), screen the text for a gas emergency (the alert first) and publish the raw item. A document that cannot be read goes on as unreadable, with its reason, and is archived
 */
export interface OcrConfig {
  /**
   * Runs the workers in this process; with none running anywhere, documents wait in the OCR topic
   */
  enabled?: boolean;
  consumerGroup?: string;
  /**
   * How long a crashed worker keeps its partitions before the group hands them on; a worker reading a long fax keeps heartbeating
   */
  sessionTimeoutMs?: number;
  /**
   * tesseract.js workers in this process (each holds the language data, about 40 MB, and uses one core); more processes with the OCR role scale further
   */
  workers?: number;
  /**
   * tesseract language codes, each with its data installed from npm (@tesseract.js-data/<code>)
   */
  languages?: string;
  /**
   * A PDF page whose own text has at least this many letters and digits is taken as it is, without OCR
   */
  textLayerMinChars?: number;
  /**
   * Grey, normalise and rescale each page (fax resolutions to square pixels) before OCR
   */
  cleanup?: boolean;
  /**
   * Over any of these a document is not decoded at all: it is archived as unreadable with the limit as its reason (decompression and pixel bombs)
   */
  limits?: {
    /**
     * The largest file read (25 MB)
     */
    maxBytes?: number;
    maxPages?: number;
    /**
     * Width times height of one page as decoded: an A4 page at 600 dpi is 35 million
     */
    maxPixelsPerPage?: number;
    /**
     * The longest OCR of one page may take
     */
    pageTimeoutMs?: number;
  };
  /**
   * Backoff for a raw item Kafka would not take (after the last attempt the job is redelivered)
   */
  retry?: {
    attempts?: number;
    initialMs?: number;
    maxMs?: number;
  };
}

/**
 * What capture publishes to the OCR topic for a scanned fax or letter whose text must first be read, keyed by item id. An OCR worker reads the document and publishes the raw item it names; a re-delivered job is the same item. Personal data: the sender
 */
export interface OcrJob {
  schemaVersion: 1;
  /**
   * The raw item's id: the hash of the document's bytes, so the same scan dropped twice, uploaded twice or faxed twice is one item
   */
  itemId: string;
  channel: 'fax' | 'letter';
  connector: string;
  /**
   * The source's own reference, free of personal data (the file's hash, the upload's id)
   */
  sourceRef: string;
  /**
   * When the document was captured
   */
  receivedAt: string;
  /**
   * The fax number or gateway address the document came from, where the source names one
   */
  sender?: string;
  /**
   * A petition's number in the mail room's document-tracking system, given with the scan
   */
  registryNumber?: string;
  document: BlobRef;
}

/**
 * Published to the outcome topic of its kind once the sink has written the decision
 */
export interface Outcome {
  schemaVersion: 1;
  decision: Decision;
  /**
   * Yearly sequence for crm and needs-info records; null for archive-only and ignored
   */
  applicationNumber: string | null;
  recordedAt: string;
  /**
   * false when the item had been recorded before (a redelivery)
   */
  firstWrite: boolean;
}

/**
 * What a connector publishes to the raw intake topic: one captured application, before any decision. Binaries travel by blob reference, never inline.
 */
export interface RawItem {
  schemaVersion: 1;
  /**
   * Derived from the source (idempotency key, Message-ID, MessageSid, file hash) so that a replay is the same item
   */
  itemId: string;
  channel: Channel;
  receivedAt: string;
  connector: string;
  /**
   * The source's own reference, free of personal data (a hash where the source key could carry some)
   */
  sourceRef: string;
  /**
   * Name of the staff API key that entered a phone or face-to-face application
   */
  enteredBy?: string | null;
  form?: ApplicationForm;
  fieldNotes?: FieldNotes;
  /**
   * Free text of an e-mail, SMS, transcription or OCR; source says which made it (typed when absent)
   */
  text?: {
    subject?: string;
    /**
     * At most 200,000 characters, so that every item is decided in bounded time; a longer text is cut here and kept whole (UTF-8) in the blob that fullText names
     */
    body: string;
    fullText?: BlobRef;
    /**
     * The sender's address or number as the channel gave it; personal data
     */
    sender?: string;
    /**
     * The source marked it as machine-generated (e.g. RFC 3834 Auto-Submitted)
     */
    autoSubmitted?: boolean;
    /**
     * An e-mail's Message-ID as sent (angle brackets included), so that an acknowledgement can answer it (In-Reply-To)
     */
    messageId?: string;
    /**
     * The sender's display name where the channel gives one (an e-mail's From name); personal data, used for the name only when the text gives none
     */
    senderName?: string;
    source?: TextSource;
    /**
     * How sure OCR or speech-to-text was of the text as a whole (0-1); absent for typed text
     */
    confidence?: number;
  };
  /**
   * What became of a voicemail's recording (the audio is among the attachments): transcribed into `text`, or why there is no text
   */
  voicemail?: {
    /**
     * transcribed: `text` holds it. unavailable: no transcriber is configured. failed: the transcriber gave up after its retries. silent: the recording holds no speech (its energy), nothing to transcribe
     */
    transcription: 'transcribed' | 'unavailable' | 'failed' | 'silent';
    durationSeconds?: number;
    /**
     * Which transcriber made the text (openai-compatible, twilio)
     */
    transcriber?: string;
  };
  /**
   * What became of a scanned fax or letter (the original is among the attachments): how its text was read, or why it could not be
   */
  document?: {
    /**
     * A petition's number in the mail room's document-tracking system
     */
    registryNumber?: string;
    format: 'pdf' | 'tiff' | 'png' | 'jpeg' | 'unknown';
    /**
     * Pages read (0 when the file could not be opened)
     */
    pages: number;
    /**
     * text-layer: a PDF's own text was enough. ocr: every page was read by OCR. mixed: some of each. unreadable: no text could be made (see problem)
     */
    read: 'text-layer' | 'ocr' | 'mixed' | 'unreadable';
    /**
     * Why it is unreadable: corrupt, unsupported-format, too-large, too-many-pages, too-many-pixels, timeout
     */
    problem?: string;
  };
  /**
   * @maxItems 100
   */
  attachments: BlobRef[];
}

/**
 * Why a decision was taken. Stable: dashboards and tests key on these. Documented in docs/reason-codes.md.
 */
export type ReasonCode =
  | 'COMPLETE'
  | 'MISSING_FULL_NAME'
  | 'MISSING_CONTACT'
  | 'INVALID_PHONE'
  | 'INVALID_EMAIL'
  | 'MISSING_NATIONAL_ID'
  | 'INVALID_NATIONAL_ID'
  | 'MISSING_CONTRACT_ACCOUNT'
  | 'INVALID_CONTRACT_ACCOUNT'
  | 'MISSING_DESCRIPTION'
  | 'PROPOSED_SOLUTION_KEPT'
  | 'STAFF_ENTERED'
  | 'TOPIC_FROM_FORM'
  | 'TOPIC_UNSPECIFIED'
  | 'TOPIC_UNKNOWN'
  | 'PAPER_INCOMPLETE_ARCHIVED'
  | 'AUTO_REPLY'
  | 'EMPTY_MESSAGE'
  | 'TOPIC_CLASSIFIED'
  | 'EMERGENCY_REPORTED'
  | 'SUBSCRIBER_MATCHED'
  | 'SUBSCRIBER_NOT_FOUND'
  | 'FILLED_FROM_REGISTRY'
  | 'NATIONAL_ID_MISMATCH'
  | 'PHONE_UPDATED'
  | 'CONTACT_IS_NOT_SUBSCRIBER'
  | 'DISTRICT_FROM_ADDRESS'
  | 'DUPLICATE_LINKED'
  | 'UNKNOWN_FIELDS_IGNORED'
  | 'FIELD_TYPE_DROPPED'
  | 'TEXT_REPAIRED'
  | 'TEXT_TRUNCATED'
  | 'FULL_NAME_FROM_TEXT'
  | 'FULL_NAME_FROM_SENDER'
  | 'NATIONAL_ID_FROM_TEXT'
  | 'CONTRACT_ACCOUNT_FROM_TEXT'
  | 'PHONE_FROM_TEXT'
  | 'PHONE_FROM_SENDER'
  | 'EMAIL_FROM_TEXT'
  | 'EMAIL_FROM_SENDER'
  | 'ADDRESS_FROM_TEXT'
  | 'DISTRICT_FROM_TEXT'
  | 'PROPOSED_SOLUTION_FROM_TEXT'
  | 'CASE_REF_FOUND'
  | 'FOLLOW_UP_LINKED'
  | 'CASE_REF_UNKNOWN'
  | 'CASE_REF_OTHER_PERSON'
  | 'CONTACT_PERSON_FROM_TEXT'
  | 'SUBSCRIBER_FROM_TEXT'
  | 'SILENT_RECORDING'
  | 'TRANSCRIPTION_UNAVAILABLE'
  | 'TRANSCRIPTION_FAILED'
  | 'VOICEMAIL_TO_HEAR'
  | 'LOW_CONFIDENCE_FIELD'
  | 'DOCUMENT_UNREADABLE'
  | 'DOCUMENT_REGISTERED'
  | 'RE_EXAMINED';

/**
 * One entry of the subscriber registry, keyed by contract account number. Personal data throughout.
 */
export interface Subscriber {
  contractAccountNumber: string;
  nationalId: string;
  fullName: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  district?: string | null;
}

/**
 * What made an item's free text: typed by the customer (e-mail, SMS), read by OCR from a scan (fax, letter) or written by speech-to-text from a recording (voicemail). The extractor reads each differently.
 */
export type TextSource = 'typed' | 'ocr' | 'transcript';

/**
 * Main topics → sub-topics → responsible unit and resolution time. Choosing a topic assigns the unit and the SLA (DOMAIN.md rule 4).
 */
export interface TopicCatalogue {
  version: number;
  /**
   * Where an application without a known topic goes: the solution group classifies it
   */
  fallback: {
    unit: string;
    resolutionHours: number;
  };
  /**
   * unit id → Turkish label
   */
  units: {
    [k: string]: string;
  };
  /**
   * @minItems 1
   */
  mainTopics: {
    id:
      | 'billing'
      | 'meter'
      | 'supply'
      | 'subscription'
      | 'infrastructure'
      | 'staff'
      | 'installation'
      | 'information'
      | 'suggestion'
      | 'thanks'
      | 'emergency';
    label: string;
    /**
     * @minItems 1
     */
    subTopics: {
      id: string;
      label: string;
      unit: string;
      resolutionHours: number;
      /**
       * Turkish words and phrases that, found in a free text, point to this sub-topic (normalizer/classify). Written with Turkish letters as staff would say them; matching folds case and letters, allows Turkish suffixes and keeps the words in order.
       */
      phrases?: string[];
      /**
       * How much this sub-topic's phrases count in classification (normalizer/classify). Above 1 for an intent such as a suggestion, whose texts always also name the subject they are about.
       */
      weight?: number;
    }[];
  }[];
}

/**
 * The transcription workers, the enrich stage of voicemail: in a consumer group of their own on the transcription topic they make each recording's text, screen it for a gas emergency (the alert first) and publish the raw item. A silent recording is not sent to the transcriber; with no transcriber, or when it finally fails, the voicemail still goes on with its audio and the reason
 */
export interface TranscriptionConfig {
  /**
   * Runs the workers in this process; with none running anywhere, voicemail jobs wait in the transcription topic
   */
  enabled?: boolean;
  consumerGroup?: string;
  /**
   * How long a crashed worker keeps its partitions before the group hands them on; a worker waiting on the transcriber keeps heartbeating
   */
  sessionTimeoutMs?: number;
  /**
   * When a recording holds no speech: its WAV (8 kHz µ-law, A-law or PCM) is cut into 20 ms frames and each frame's RMS energy measured; a recording with less than minSpeechMs of frames at or above frameThresholdDbfs is silent (published as such, no transcriber called)
   */
  silence?: {
    /**
     * A 20 ms frame this loud or louder (dB relative to full scale) counts as sound; telephone line noise sits near -60 dBFS, speech near -25
     */
    frameThresholdDbfs?: number;
    /**
     * Less sound than this in the whole recording is silence (a breath, a click as the caller hangs up); a short "gaz kokusu var" takes over a second. 0 sends everything to the transcriber
     */
    minSpeechMs?: number;
  };
  /**
   * What makes the text. No npm, Debian or Maven package ships a Turkish speech model, so none is embedded
   */
  transcriber?: {
    /**
     * none: voicemail is published with its audio and transcription `unavailable`, for a person to hear. openai-compatible: the recording is posted to an OpenAI-compatible /v1/audio/transcriptions endpoint (a Whisper server, a hosted provider) with language tr. twilio: Twilio's own TranscriptionText (needs connectors.twilio.voice.twilioTranscription; Twilio's transcription does not cover Turkish)
     */
    kind?: 'none' | 'openai-compatible' | 'twilio';
    /**
     * The endpoint itself, e.g. https://api.openai.com/v1/audio/transcriptions or http://whisper.internal:8000/v1/audio/transcriptions; required for openai-compatible
     */
    url?: string | null;
    /**
     * The `model` field of the request (whisper-1 at OpenAI; the server's model name elsewhere)
     */
    model?: string;
    /**
     * Sent as `Authorization: Bearer`; null sends none (a local Whisper server)
     */
    apiKey?: string | null;
    /**
     * The longest one request may take, upload included
     */
    timeoutMs?: number;
    /**
     * Tries on a timeout, a broken connection, a 5xx or a 429; a 4xx or a malformed answer is not retried. After the last the voicemail is published with transcription `failed`
     */
    attempts?: number;
    /**
     * Twilio's transcriber: it takes the TranscriptionText of Twilio's transcription callback when that came first, and otherwise asks Twilio's REST API for the recording's transcription with the account of connectors.twilio, so that a callback that never comes loses nothing
     */
    twilio?: {
      /**
       * Scheme and host of Twilio's REST API
       */
      apiBaseUrl?: string;
      /**
       * How long Twilio may still be transcribing; after it the voicemail goes on as `failed`, for a person to hear. The worker holds its partition while it waits
       */
      waitMs?: number;
      /**
       * Between two questions to Twilio while it is still transcribing
       */
      pollMs?: number;
    };
  };
  /**
   * Backoff between transcriber attempts, and for a raw item Kafka would not take (after the last attempt the job is redelivered)
   */
  retry?: {
    /**
     * Tries of a publish to Kafka
     */
    attempts?: number;
    initialMs?: number;
    maxMs?: number;
  };
}

/**
 * What capture publishes to the transcription topic for a recording whose text must first be made (a voicemail), keyed by item id. A transcription worker makes the text and publishes the raw item it names; a re-delivered job is the same item. Personal data: the sender
 */
export interface TranscriptionJob {
  schemaVersion: 1;
  /**
   * The raw item's id, derived from the source (a voicemail's RecordingSid), so a retried callback or a re-delivered job is the same item
   */
  itemId: string;
  channel: 'voicemail';
  connector: string;
  /**
   * The source's own reference, free of personal data
   */
  sourceRef: string;
  /**
   * When the recording was captured (its callback arrived)
   */
  receivedAt: string;
  /**
   * The caller's number as the source gave it (E.164); absent when it could not be learnt
   */
  sender?: string;
  durationSeconds?: number;
  /**
   * Twilio's name for the recording, so that Twilio's transcriber can ask for its transcription
   */
  recordingSid?: string;
  /**
   * The audio in the blob store; or why it is not there, with a JSON note naming the recording's URL and the reason in its place (so a person can still fetch it while the source keeps it); or why there is no recording at all
   */
  recording:
    | {
        status: 'stored';
        audio: BlobRef;
      }
    | {
        status: 'unfetched';
        /**
         * Why it was not fetched (http-404, timeout, origin-not-allowed, …)
         */
        reason: string;
        note?: BlobRef;
      }
    | {
        status: 'absent';
        /**
         * Why the source made no recording (too-short, silent)
         */
        reason: string;
      };
  /**
   * A transcription the source made itself (Twilio's TranscriptionText), used by the transcriber of that kind
   */
  providedTranscript?: {
    transcriber: string;
    status: 'completed' | 'failed';
    text: string;
  };
}

/**
 * The Twilio connector: SMS and MMS to the utility's number, delivered by Twilio's inbound-message webhook (POST /v1/twilio/sms), and voicemail left on it (POST /v1/twilio/voice and its callbacks). Off by default: it needs a Twilio account and a URL Twilio can reach
 */
export interface TwilioConfig {
  enabled?: boolean;
  host?: string;
  /**
   * 0 picks a free port (tests)
   */
  port?: number;
  /**
   * The scheme, host and any path prefix of the URL Twilio calls, as configured on the number (e.g. https://intake.example.com): signatures are checked against it plus the request's path and query, never against the address the request reached, which behind a proxy or load balancer differs. Required when enabled; no query or fragment
   */
  publicBaseUrl?: string | null;
  /**
   * The account whose number receives the messages; the user name when fetching MMS media and recordings. Required when enabled
   */
  accountSid?: string | null;
  /**
   * The account's auth token: the key of every X-Twilio-Signature, the password when fetching MMS media and recordings, and the key that seals the caller's number into the recording callback's URL. Required when enabled
   */
  authToken?: string | null;
  /**
   * A larger request gets 413; an inbound message (1,600 characters and ten media URLs) takes well under 16 KiB
   */
  bodyLimitBytes?: number;
  /**
   * A request that has not arrived whole by then gets 408 and its connection is closed; Twilio itself gives up after 15 s
   */
  requestTimeoutSeconds?: number;
  /**
   * What the TwiML answer asks Twilio to text back. Never a receipt to a carrier auto-reply
   */
  replies?: {
    /**
     * A text reporting a gas smell or leak is answered at once with the 187 emergency line (DOMAIN.md rule 7), even one that looks automatic
     */
    emergencyAdvice?: boolean;
    /**
     * Any other text is answered with a short receipt; off by default: each reply is a billed SMS, and the outcome acknowledgement comes later
     */
    receipt?: boolean;
  };
  /**
   * MMS media (a photo of a meter or a bill). The webhook answers Twilio without waiting for them: it screens the text (the alert of a gas emergency first) and publishes a job to `kafka.topics.media`. Media workers, in a consumer group of their own, fetch each file with the account's credentials into the blob store, with retries, and then publish the raw item; a file that cannot be fetched is replaced by a note naming its URL and why, and the text is published in any case
   */
  media?: {
    /**
     * Runs the media workers in this process, when accountSid and authToken are set; with none running anywhere, MMS wait in the media topic
     */
    workers?: boolean;
    consumerGroup?: string;
    /**
     * How long a crashed worker keeps its partitions before the group hands them on; a worker waiting on Twilio keeps heartbeating
     */
    sessionTimeoutMs?: number;
    /**
     * The longest one attempt at one media file may take, the download included
     */
    timeoutMs?: number;
    /**
     * Tries per media file on a timeout, a broken connection, a 5xx or a 429 (backoff from `retry`); a 401, a 404 or a file over maxBytes is not retried
     */
    attempts?: number;
    /**
     * A larger media file is not kept (a note takes its place); carriers cap an MMS at a few MB
     */
    maxBytes?: number;
    /**
     * Origins a media URL or a voicemail's RecordingUrl may point at; the account's credentials are sent to these and to no other (the redirect to the media host goes without them). A URL elsewhere is not fetched
     */
    origins?: string[];
    /**
     * Backoff between attempts at a media file, and for a raw item Kafka would not take (after the last attempt the job is redelivered)
     */
    retry?: {
      /**
       * Tries of a publish to Kafka
       */
      attempts?: number;
      initialMs?: number;
      maxMs?: number;
    };
  };
  /**
   * Voicemail: a call to the number is answered (POST /v1/twilio/voice) with a Turkish greeting and recorded; when the recording is ready Twilio calls back, the recording is fetched into the blob store (from `media.origins` only) and a job goes to the transcription topic before Twilio is answered
   */
  voice?: {
    /**
     * Read to the caller in Turkish (<Say language="tr-TR">) before the beep; it names the 187 emergency line first (DOMAIN.md rule 7)
     */
    greeting?: string;
    /**
     * Read once the recording has ended, before hanging up
     */
    goodbye?: string;
    /**
     * The text-to-speech voice of <Say> (e.g. Polly.Filiz, Google.tr-TR-Standard-A); null lets Twilio use the account's default voice for tr-TR
     */
    sayVoice?: string | null;
    /**
     * The longest recording (<Record maxLength>); with twilioTranscription it is held to 120 s, the longest Twilio transcribes
     */
    maxLengthSeconds?: number;
    /**
     * Seconds of silence that end the recording (<Record timeout>): long enough for a caller looking for a contract account number
     */
    silenceTimeoutSeconds?: number;
    /**
     * Asks Twilio to transcribe each recording too (<Record transcribe>); the recording callback still publishes the job at once (a transcription callback may never come) and the transcription callback, carrying TranscriptionText, publishes it again: the same item. Needed by `transcription.transcriber.kind: twilio`; Twilio's transcription does not cover Turkish, so it is off by default
     */
    twilioTranscription?: boolean;
    /**
     * Fetching the recording (RecordingUrl + .wav) with the account's credentials before the job is published. One that cannot be fetched in time is replaced by a note naming its URL and why: the voicemail still goes on, marked failed, for a person to hear
     */
    recording?: {
      /**
       * The longest the fetch takes (retries included) before the job is published; Twilio waits at most 15 s for the answer. 0 fetches nothing
       */
      budgetMs?: number;
      /**
       * Tries on a timeout, a 5xx or a 429 (backoff from 200 ms, full jitter), within budgetMs
       */
      attempts?: number;
      /**
       * A larger recording is not kept (a note takes its place); an hour of Twilio's 8 kHz 16-bit WAV is 58 MB, two minutes 2 MB
       */
      maxBytes?: number;
    };
  };
}

/**
 * The web-form connector: POST /v1/applications
 */
export interface WebformConfig {
  enabled?: boolean;
  host?: string;
  port?: number;
  bodyLimitBytes?: number;
  /**
   * A request whose headers and body have not all arrived by then gets 408 and its connection is closed, so slow clients cannot hold sockets
   */
  requestTimeoutSeconds?: number;
  /**
   * The same for the headers alone; not more than requestTimeoutSeconds
   */
  headersTimeoutSeconds?: number;
  /**
   * How long a reused Idempotency-Key with another body is refused with 422 (and a retry answered from memory); after that, or a restart, another body under the same key is recorded as its own application
   */
  idempotencyTtlSeconds?: number;
  idempotencyMaxEntries?: number;
  /**
   * name → key for agents and service-centre clerks; the X-Api-Key header must match one to enter phone or face-to-face applications. From the environment as name=key,name=key
   */
  staffApiKeys?: {
    [k: string]: string;
  };
}
