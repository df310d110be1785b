import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { splitListSchema } from "../shared/api";

// Placeholder shell until the review screen lands: lists the splits the server holds.
function Splits() {
  const { data, error } = useQuery({
    queryKey: ["splits"],
    queryFn: async () => splitListSchema.parse(await (await fetch("/api/splits")).json()),
  });
  if (error) return <p role="alert">Could not load splits: {error.message}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <ul>
      {data.splits.map((split) => (
        <li key={split.name} data-testid="split">
          {split.name}: {split.pairs} pairs
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <h1>MMR Review</h1>
      <Splits />
    </QueryClientProvider>
  </StrictMode>,
);
