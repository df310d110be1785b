/** An error whose message is one line meant for the user (file, record, field), and the exit code to use. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}
