export interface GeneratedFile {
  /** Repository-relative path. */
  path: string;
  content: string;
}

/** Every generated registry module, freshly generated from the files on disk. */
export function generateRegistries(): Promise<GeneratedFile[]>;
/** The generated files whose content on disk differs from a fresh generation. */
export function staleRegistries(): Promise<GeneratedFile[]>;
/** Writes the stale generated files; returns their paths. */
export function writeRegistries(): Promise<string[]>;
