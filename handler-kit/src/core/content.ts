/**
 * MCP content blocks and the small helpers tools use to build them. A tool may return these directly
 * (one block or an array) instead of a string.
 */

export interface Annotations {
  audience?: ('user' | 'assistant')[];
  priority?: number;
  lastModified?: string;
}

export interface TextContent {
  type: 'text';
  text: string;
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}
export interface ImageContent {
  type: 'image';
  data: string;
  mimeType: string;
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}
export interface AudioContent {
  type: 'audio';
  data: string;
  mimeType: string;
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}
export type ResourceContents =
  | { uri: string; mimeType?: string; text: string; _meta?: Record<string, unknown> }
  | { uri: string; mimeType?: string; blob: string; _meta?: Record<string, unknown> };
export interface EmbeddedResource {
  type: 'resource';
  resource: ResourceContents;
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}
export interface ResourceLink {
  type: 'resource_link';
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Annotations;
  _meta?: Record<string, unknown>;
}

export type ContentBlock = TextContent | ImageContent | AudioContent | EmbeddedResource | ResourceLink;

const BLOCK_TYPES = new Set(['text', 'image', 'audio', 'resource', 'resource_link']);

/** True for a value shaped like one MCP content block (used to read what a tool returned). */
export function isContentBlock(value: unknown): value is ContentBlock {
  if (typeof value !== 'object' || value === null) return false;
  const block = value as Record<string, unknown>;
  if (typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) return false;
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string';
    case 'image':
    case 'audio':
      return typeof block.data === 'string' && typeof block.mimeType === 'string';
    case 'resource':
      return typeof block.resource === 'object' && block.resource !== null;
    default:
      return typeof block.uri === 'string' && typeof block.name === 'string';
  }
}

/** Base64 without depending on a runtime: Node's Buffer when present (fast), btoa otherwise. */
export function toBase64(bytes: Uint8Array): string {
  const NodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const data = (value: string | Uint8Array): string => (typeof value === 'string' ? value : toBase64(value));

export const text = (value: string, annotations?: Annotations): TextContent =>
  annotations ? { type: 'text', text: value, annotations } : { type: 'text', text: value };

/** An image; `bytes` is raw bytes or a base64 string. */
export const image = (bytes: string | Uint8Array, mimeType: string): ImageContent => ({
  type: 'image',
  data: data(bytes),
  mimeType,
});

/** Audio; `bytes` is raw bytes or a base64 string. */
export const audio = (bytes: string | Uint8Array, mimeType: string): AudioContent => ({
  type: 'audio',
  data: data(bytes),
  mimeType,
});

/** A resource embedded in a result: give `text`, or `blob` as raw bytes or base64. */
export function embeddedResource(resource: {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string | Uint8Array;
}): EmbeddedResource {
  const { uri, mimeType } = resource;
  const contents: ResourceContents =
    resource.blob !== undefined
      ? { uri, ...(mimeType ? { mimeType } : {}), blob: data(resource.blob) }
      : { uri, ...(mimeType ? { mimeType } : {}), text: resource.text ?? '' };
  return { type: 'resource', resource: contents };
}

export const resourceLink = (link: Omit<ResourceLink, 'type'>): ResourceLink => ({ type: 'resource_link', ...link });
