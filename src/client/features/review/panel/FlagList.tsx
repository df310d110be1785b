import { flagExplanations, type FlagId } from "../../../../shared/domain";

export function FlagList({ flags, live = false }: { flags: readonly FlagId[]; live?: boolean }) {
  if (flags.length === 0) {
    return <p className="flags-clean" data-testid="flags">No automatic flag{live ? " on the edited pair" : ""}.</p>;
  }
  return (
    <ul className="flag-list" data-testid="flags">
      {flags.map((flag) => (
        <li key={flag} className="flag" data-flag={flag}>
          <code className="flag__id">{flag}</code>
          <span>{flagExplanations[flag]}</span>
        </li>
      ))}
    </ul>
  );
}
