import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A file that appears complete or not at all: written to `<path>.tmp`, fsynced,
 * renamed over `path`, and the directory fsynced so the rename survives a crash.
 * A rerun after a crash simply writes it again. Tracks the SHA-256 of what it holds.
 */
export class AtomicFile {
  private readonly sha256 = createHash('sha256');

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    await mkdir(dirname(path), { recursive: true });
    return new AtomicFile(path, await open(`${path}.tmp`, 'w'));
  }

  async write(text: string): Promise<void> {
    this.sha256.update(text);
    await this.handle.writeFile(text);
  }

  /** Makes the file durable under its name; returns its SHA-256 (hex). */
  async commit(): Promise<string> {
    await this.handle.sync();
    await this.handle.close();
    await rename(`${this.path}.tmp`, this.path);
    const directory = await open(dirname(this.path), 'r');
    await directory.sync().finally(() => directory.close());
    return this.sha256.digest('hex');
  }

  /** Closes without publishing; the temp file is overwritten by the next attempt. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Writes a whole file atomically; returns its SHA-256. */
export async function writeAtomically(path: string, text: string): Promise<string> {
  const file = await AtomicFile.create(path);
  try {
    await file.write(text);
    return await file.commit();
  } catch (error) {
    await file.abandon();
    throw error;
  }
}
