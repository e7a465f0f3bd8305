// Writes a gzip copy (name.gz) beside every .js, .css, .html, .svg and .json file under the
// given folder (default: dist), so that `heed serve` can send it to clients that accept gzip.
// Node's zlib only; no extra dependency. Copies that would not be smaller are skipped.
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const kExtensions = ['.js', '.css', '.html', '.svg', '.json'];

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function main() {
  const root = process.argv[2] ?? 'dist';
  await stat(root).catch(() => {
    throw new Error(`compress: ${root} does not exist; run vite build first`);
  });
  let written = 0;
  let skipped = 0;
  let before = 0;
  let after = 0;
  for await (const path of walk(root)) {
    if (!kExtensions.some((ext) => path.endsWith(ext))) continue;
    const data = await readFile(path);
    const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    if (gz.length >= data.length) {
      await unlink(`${path}.gz`).catch(() => {});
      skipped += 1;
      continue;
    }
    await writeFile(`${path}.gz`, gz);
    written += 1;
    before += data.length;
    after += gz.length;
  }
  console.log(`compress: ${written} .gz files written (${before} → ${after} bytes), ${skipped} not smaller, skipped`);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
