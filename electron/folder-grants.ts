import * as nodePath from 'node:path';
import type { FilePort, PathPort } from './ports';

/**
 * Folders the user picked in a native dialog for automatic backups. writeFileToFolder may write only
 * into these, so a compromised renderer cannot drop files anywhere on disk. Kept in a JSON file in
 * userData because the backup schedule outlives the session that chose the folder.
 */
export interface FolderGrants {
  has(folder: string): boolean;
  grant(folder: string): Promise<void>;
}

export async function loadFolderGrants(
  fs: Pick<FilePort, 'readFile' | 'writeFile' | 'rename'>,
  storeFile: string,
  path: Pick<PathPort, 'resolve'> = nodePath,
): Promise<FolderGrants> {
  const granted = new Set<string>();
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await fs.readFile(storeFile)));
    if (Array.isArray(parsed)) {
      for (const entry of parsed) if (typeof entry === 'string') granted.add(path.resolve(entry));
    }
  } catch {
    // A missing or unreadable store means nothing is granted yet; the user picks the folder again.
  }

  return {
    has: (folder) => granted.has(path.resolve(folder)),
    async grant(folder) {
      granted.add(path.resolve(folder));
      const tmp = `${storeFile}.tmp`;
      await fs.writeFile(tmp, JSON.stringify([...granted], null, 2));
      await fs.rename(tmp, storeFile);
    },
  };
}
