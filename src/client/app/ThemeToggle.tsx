import { themeChoices, useThemeStore, type ThemeChoice } from "./themeStore";

const labels: Record<ThemeChoice, string> = { system: "◐ System", light: "☀ Light", dark: "☾ Dark" };

/** Light, dark, or whatever the system prefers; remembered in this browser. */
export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const chosen = useThemeStore((s) => s.themeChosen);
  return (
    <select className="topbar__theme" aria-label="Theme" title="Colour theme" value={theme} onChange={(e) => chosen(e.target.value as ThemeChoice)} data-testid="theme-toggle">
      {themeChoices.map((t) => (
        <option key={t} value={t}>
          {labels[t]}
        </option>
      ))}
    </select>
  );
}
