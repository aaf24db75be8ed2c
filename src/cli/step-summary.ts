import { appendFile } from "node:fs/promises";

/**
 * In GitHub Actions, append Markdown to the job's summary page (`$GITHUB_STEP_SUMMARY`, which
 * Actions sets together with `GITHUB_ACTIONS=true`); elsewhere do nothing. Used by `status` and
 * `report --markdown`.
 */
export async function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (env.GITHUB_ACTIONS !== "true" || !file) return;
  await appendFile(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`, "utf8");
}
