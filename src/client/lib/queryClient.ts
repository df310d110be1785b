import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/errors";

/** One client for the app; decision code outside React (the offline flusher) patches it too. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; network trouble might.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});
