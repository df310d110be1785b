import { themeChoices, useThemeStore, type ThemeChoice } from "./themeStore";

const labels: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

/** Light, dark, or whatever the system prefers; remembered in this browser. */
export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const chosen = useThemeStore((s) => s.themeChosen);
  return (
    <select className="topbar__theme" aria-label="Theme" value={theme} onChange={(e) => chosen(e.target.value as ThemeChoice)} data-testid="theme-toggle">
      {themeChoices.map((t) => (
        <option key={t} value={t}>
          {labels[t]}
        </option>
      ))}
    </select>
  );
}
