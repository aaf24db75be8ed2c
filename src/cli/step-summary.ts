import { appendFile } from "node:fs/promises";

/**
 * In GitHub Actions, append Markdown to the job's summary page (`$GITHUB_STEP_SUMMARY`, which
 * Actions sets together with `GITHUB_ACTIONS=true`); elsewhere do nothing. Returns the file
 * written, if any. Used by `status` and `report --markdown`.
 */
export async function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<string | undefined> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (env.GITHUB_ACTIONS !== "true" || !file) return undefined;
  await appendFile(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`, "utf8");
  return file;
}
