// Type declarations of the Switchboard browser SDK (switchboard.js), PROTOCOL.md v1.1.

/** A channel position: the partition offset and the epoch naming the topic incarnation. */
export interface Position {
  offset: number;
  epoch: string;
}

/** What `onMessage` receives, whether a text `message` frame or a binary frame carried it. */
export interface Message<T = unknown> {
  channel: string;
  event: string | null;
  /** The JSON value; for IMAGE, AUDIO, VIDEO and CUSTOM binary frames, the payload bytes (inflated). */
  data: T;
  offset: number;
  epoch: string;
  /** Event time, epoch milliseconds. */
  ts: number;
  /** True for a re-delivered message (operator replay). */
  replayed: boolean;
  /** Binary frames only: the payload's MIME type (`application/json` for COMPRESSED_JSON). */
  contentType?: string;
  /** Binary frames only. */
  kind?: 'image' | 'audio' | 'video' | 'compressed_json' | 'custom';
}

export interface WelcomeFrame {
  type: 'welcome';
  connection_id: string;
  user_id: string | null;
  roles: string[];
  heartbeat_ms: number;
  resumed: boolean;
}

export interface SubscribedFrame {
  type: 'subscribed';
  id?: string;
  channel: string;
  /** Where the live stream continues. */
  position: Position;
  /** Present when the subscribe carried `since`: false means a gap that could not be filled. */
  recovered?: boolean;
}

export interface UnsubscribedFrame {
  type: 'unsubscribed';
  id?: string;
  channel: string;
  reason: 'client' | 'permission_revoked' | 'channel_closed';
}

export interface PublishedFrame {
  type: 'published';
  id: string;
  channel: string;
  offset: number;
  /** The id the processor gave the message: the `receipt`s for it name it. */
  event_id?: string;
}

export interface PresenceMember {
  user_id: string;
  connections: number;
}

/** A presence answer, every page joined: `members` is complete and `next` is absent. */
export interface PresenceFrame {
  type: 'presence';
  id: string;
  channel: string;
  members: PresenceMember[];
  /** Users, not connections. */
  count: number;
  /** Anonymous connections, never listed. */
  anonymous?: number;
}

/** A `join` or `leave` notice of a channel subscribed with `presence: true`. */
export interface PresenceChange {
  channel: string;
  user_id: string;
  ts: number;
}

/**
 * A `receipt`: a user acknowledged (with `ack`) a message this client's user published with `{receipts: true}`.
 * `event_id` is the id the processor gave that message, as the `published` reply named it.
 */
export interface Receipt {
  event_id: string;
  user_id: string;
  /** When the ack reached the gateway, epoch milliseconds. */
  acked_at: number;
}

export interface PublishOptions {
  /** Ask for a `receipt` from each user (other than the publisher) whose ack reaches the message. */
  receipts?: boolean;
}

export type ErrorCode =
  | 'bad_request' | 'unknown_type' | 'unauthorized' | 'permission_denied' | 'unknown_channel' | 'rate_limited'
  | 'message_too_large' | 'token_invalid' | 'unavailable' | 'internal'
  // the SDK's own
  | 'connection_closed' | 'closed' | 'already_subscribed' | 'unsubscribed' | 'not_recovered' | 'bad_frame'
  | 'permission_revoked' | 'channel_closed';

/** Rejections and `error` events: the server's error `code`, or one of the SDK's own (README.md). */
export class SwitchboardError extends Error {
  readonly name: 'SwitchboardError';
  readonly code: ErrorCode | string;
  readonly channel?: string;
  /** With `rate_limited`: how long to wait before trying again. */
  readonly retryAfterMs?: number;
  /** The server frame behind the error, when there is one. */
  readonly frame?: Record<string, unknown>;
}

export interface ConnectOptions {
  /** A JWT, or a function giving a fresh one (asked before connecting, before `exp`, and after a 4001 close). */
  token?: string | (() => string | Promise<string>);
  /** Encodings announced in `accept_encoding`; default: those `DecompressionStream` supports here. */
  acceptEncoding?: Array<'gzip' | 'deflate' | 'zstd'>;
  /** Default 500. */
  minDelayMs?: number;
  /** Default 20000. */
  maxDelayMs?: number;
}

export interface SubscribeOptions {
  /** Also receive `join` and `leave` notices (presence-enabled families only). */
  presence?: boolean;
  onJoin?: (change: PresenceChange) => void;
  onLeave?: (change: PresenceChange) => void;
}

export type ClientState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ClientEvents {
  /** Every welcome: the first connection and each reconnection. */
  open: (welcome: WelcomeFrame) => void;
  close: (code: number, reason: string) => void;
  reconnecting: (attempt: number, delayMs: number) => void;
  /** A welcome with `resumed: true`: the session came back through its reconnection token. */
  resumed: (welcome: WelcomeFrame) => void;
  error: (error: SwitchboardError | Error) => void;
  /** One per user and message published with `{receipts: true}`; they come on the personal channel `user:<id>`. */
  receipt: (receipt: Receipt) => void;
}

export interface Client {
  readonly state: ClientState;
  subscribe<T = unknown>(
    channel: string,
    onMessage: (message: Message<T>) => void,
    options?: SubscribeOptions,
  ): Promise<SubscribedFrame>;
  /** Resolves with the `unsubscribed` frame, or undefined when no connection was open. */
  unsubscribe(channel: string): Promise<UnsubscribedFrame | undefined>;
  publish(channel: string, data: unknown, event?: string | null, options?: PublishOptions): Promise<PublishedFrame>;
  presence(channel: string): Promise<PresenceFrame>;
  ack(channel: string, offset: number): void;
  /** Returns a function that removes the listener. */
  on<E extends keyof ClientEvents>(event: E, fn: ClientEvents[E]): () => void;
  close(): void;
}

export function connect(url: string, options?: ConnectOptions): Client;

/** The SDK's pure parts, exported for its own tests only: not a public API. */
export const __internal: Readonly<Record<string, unknown>>;
