// name: practice_timeline_counts
// description: The diffusion curve's counts only: per year, how many regions first adopted the practice that year (year null: regions with no dated adoption), read from the ADOPTED aggregates without touching a fact.
// param key: str — practice key
MATCH (p:Practice {key: $key})<-[a:ADOPTED]-(:Region)
RETURN a.first_year AS year, count(*) AS regions
ORDER BY year
