/**
 * The server's settings: `scopeLens.*` as the client sends them (any shape, since users edit
 * JSON by hand), normalised to a complete `Settings` with defaults. A bad value falls back to its
 * default; it never stops the server.
 */
import type { Limits } from '../analyzer/interpreter/interpreter';
import type { ScopeLensSettings, SeveritySetting } from './protocol';

export interface Settings {
  readonly enable: {
    readonly python: boolean;
    readonly typescript: boolean;
    readonly javascript: boolean;
  };
  readonly severity: ReadonlyMap<string, SeveritySetting>;
  readonly analysis: { readonly maxCallDepth: number; readonly maxLoopUnroll: number };
  readonly inlayHints: { readonly enabled: boolean };
  readonly followImports: boolean;
  /** `scopeLens.checkpoint`: a path, or null. */
  readonly checkpoint: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: { python: true, typescript: true, javascript: true },
  severity: new Map(),
  analysis: { maxCallDepth: 24, maxLoopUnroll: 1000 },
  inlayHints: { enabled: false },
  followImports: true,
  checkpoint: null,
};

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}

function int(v: unknown, d: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v)
    ? Math.min(max, Math.max(min, Math.floor(v)))
    : d;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

export function normalizeSettings(raw: unknown): Settings {
  const s = obj(raw) as Record<keyof ScopeLensSettings, unknown>;
  const d = DEFAULT_SETTINGS;
  const enable = obj(s.enable);
  const analysis = obj(s.analysis);
  const severity = new Map<string, SeveritySetting>();
  for (const [code, level] of Object.entries(obj(s.severity))) {
    if (typeof level === 'string' && SEVERITIES.has(level.toLowerCase()))
      severity.set(code.toUpperCase(), level.toLowerCase() as SeveritySetting);
  }
  return {
    enable: {
      python: bool(enable.python, d.enable.python),
      typescript: bool(enable.typescript, d.enable.typescript),
      javascript: bool(enable.javascript, d.enable.javascript),
    },
    severity,
    analysis: {
      maxCallDepth: int(analysis.maxCallDepth, d.analysis.maxCallDepth, 1, 1000),
      maxLoopUnroll: int(analysis.maxLoopUnroll, d.analysis.maxLoopUnroll, 1, 1_000_000),
    },
    inlayHints: { enabled: bool(obj(s.inlayHints).enabled, d.inlayHints.enabled) },
    followImports: bool(s.followImports, d.followImports),
    checkpoint:
      typeof s.checkpoint === 'string' && s.checkpoint.trim() !== '' ? s.checkpoint.trim() : null,
  };
}

export function limitsOf(settings: Settings): Limits {
  return {
    maxCallDepth: settings.analysis.maxCallDepth,
    maxLoop: settings.analysis.maxLoopUnroll,
  };
}

/** True when a change between the two settings needs every document analysed again. */
export function analysisChanged(a: Settings, b: Settings): boolean {
  return (
    a.analysis.maxCallDepth !== b.analysis.maxCallDepth ||
    a.analysis.maxLoopUnroll !== b.analysis.maxLoopUnroll ||
    a.followImports !== b.followImports ||
    a.enable.python !== b.enable.python ||
    a.enable.typescript !== b.enable.typescript ||
    a.enable.javascript !== b.enable.javascript
  );
}
