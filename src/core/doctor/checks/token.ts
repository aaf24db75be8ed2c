import { TOKEN_KIND_WORDS, tokenKindOf } from "../../../domain/doctor/token-kind.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";

/** A token found, and where: the variable's name or `gh auth token`, never its value. */
export function checkToken(found: { token: string; source: string } | undefined): DoctorCheck {
  const check = checkOf("token", "GitHub token");
  if (!found) {
    return check.fail(
      "no token in MY_LITTLE_SODA_GITHUB_TOKEN, GITHUB_TOKEN or GH_TOKEN, and none from `gh auth token`",
      "set MY_LITTLE_SODA_GITHUB_TOKEN, or log in with `gh auth login`",
    );
  }
  return check.ok(`from ${found.source} (${TOKEN_KIND_WORDS[tokenKindOf(found.token)]})`);
}
