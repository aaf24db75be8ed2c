import { TOKEN_KIND_WORDS, tokenKindOf } from "../../../domain/doctor/token-kind.js";
import { TOKEN_VARIABLES } from "../../../domain/token-variables.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";

/** A token found, and where: the variable's name or `gh auth token`, never its value. */
export function checkToken(found: { token: string; source: string } | undefined): DoctorCheck {
  const check = checkOf("token", "GitHub token");
  if (!found) {
    return check.fail(
      `no token in ${TOKEN_VARIABLES.slice(0, -1).join(", ")} or ${TOKEN_VARIABLES.at(-1)}, and none from \`gh auth token\``,
      `set ${TOKEN_VARIABLES[0]}, or log in with \`gh auth login\``,
    );
  }
  return check.ok(`from ${found.source} (${TOKEN_KIND_WORDS[tokenKindOf(found.token)]})`);
}
