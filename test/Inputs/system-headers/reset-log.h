// A "system" header (-isystem) that empties a container of the file that
// includes it.
inline void resetLog() { Log.clear(); }
