# The variant grid as a job: one process renders the whole grid; three shards (picked by --shard, by
# Slurm's array variables and by a Kubernetes Indexed Job's index) merged give the same folder byte for
# byte; a re-run shard replaces only its own cells; merging refuses gaps, overlaps and foreign specs; broken
# specs are refused with one line naming the file and the field.
#   cmake -DCLI=... -DWORK=... -P grid_shards.cmake
set(failures "")
macro(fail msg)
  set(failures "${failures}\n  ${msg}")
endmacro()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
# 2 concepts x 2 conditions x 2 seeds = 8 cells on the embedded model.
file(WRITE "${WORK}/grid.json" [=[{"concepts": ["dress", "shirt"], "conditions": ["beach", "space"],
  "seeds_per_cell": 2, "first_seed": 6, "sampler": "dpmpp_2m", "steps": 4, "cfg": 5}]=])
function(cli)
  cmake_parse_arguments(C "" "" "ENV" ${ARGN})
  execute_process(COMMAND ${CMAKE_COMMAND} -E env OMP_NUM_THREADS=2 ${C_ENV} ${CLI} ${C_UNPARSED_ARGUMENTS}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
  set(cli_rc "${rc}" PARENT_SCOPE)
  set(cli_err "${err}" PARENT_SCOPE)
endfunction()
macro(expect_ok what)
  if(NOT cli_rc EQUAL 0)
    fail("${what}: exit ${cli_rc}: ${cli_err}")
  endif()
endmacro()
macro(expect_refusal what pattern)
  string(STRIP "${cli_err}" e)
  string(REGEX MATCHALL "\n" nl "${e}")
  list(LENGTH nl lines)
  if(NOT cli_rc EQUAL 1 OR NOT e MATCHES "${pattern}" OR lines GREATER 0)
    fail("${what}: expected exit 1 and one line matching '${pattern}', got ${cli_rc}: ${cli_err}")
  endif()
endmacro()

cli(grid --spec ${WORK}/grid.json --out ${WORK}/single --device cpu)
expect_ok("single-process grid")
# Shard 0 by flag and shard 1 by a Kubernetes Indexed Job's index into one shared folder; shard 2 as Slurm
# array task 2 of 0-2 into another.
cli(grid --spec ${WORK}/grid.json --out ${WORK}/shared --shard 0/3 --device cpu)
expect_ok("shard 0/3")
cli(grid --spec ${WORK}/grid.json --out ${WORK}/shared --shards 3 --device cpu ENV JOB_COMPLETION_INDEX=1)
expect_ok("shard 1 (JOB_COMPLETION_INDEX)")
cli(grid --spec ${WORK}/grid.json --out ${WORK}/other --device cpu
    ENV SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3)
expect_ok("shard 2 (SLURM_ARRAY_TASK_ID)")
foreach(f shards/shard-0-of-3.json shards/shard-1-of-3.json)
  if(NOT EXISTS "${WORK}/shared/${f}")
    fail("shared folder lacks ${f}")
  endif()
endforeach()
if(NOT EXISTS "${WORK}/other/shards/shard-2-of-3.json")
  fail("the Slurm array task did not render shard 2")
endif()

function(compare_trees a b what)
  file(GLOB_RECURSE fa RELATIVE "${a}" "${a}/*")
  file(GLOB_RECURSE fb RELATIVE "${b}" "${b}/*")
  list(SORT fa)
  list(SORT fb)
  if(NOT fa STREQUAL fb)
    set(failures "${failures}\n  ${what}: different files:\n    ${fa}\n    ${fb}" PARENT_SCOPE)
    return()
  endif()
  list(LENGTH fa n)
  foreach(f IN LISTS fa)
    file(SHA256 "${a}/${f}" ha)
    file(SHA256 "${b}/${f}" hb)
    if(NOT ha STREQUAL hb)
      set(failures "${failures}\n  ${what}: ${f} differs" PARENT_SCOPE)
    endif()
  endforeach()
  message(STATUS "${what}: ${n} files byte-identical")
endfunction()

cli(grid merge --out ${WORK}/merged ${WORK}/shared ${WORK}/other)
expect_ok("merge")
compare_trees("${WORK}/single" "${WORK}/merged" "3 shards merged vs one process")
file(GLOB cells "${WORK}/single/cells/*.png")
list(LENGTH cells ncells)
if(NOT ncells EQUAL 8)
  fail("expected 8 cells, found ${ncells}")
endif()
file(STRINGS "${WORK}/single/grid-manifest.jsonl" manifest)
list(LENGTH manifest nlines)
if(NOT nlines EQUAL 8)
  fail("expected 8 manifest lines, found ${nlines}")
endif()

# A pre-empted shard re-run: its own cells are rewritten (same bytes), the other shard's are untouched.
file(GLOB s0 "${WORK}/shared/cells/00000-*.png")
file(TIMESTAMP "${s0}" before "%s")
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1.1)
cli(grid --spec ${WORK}/grid.json --out ${WORK}/shared --shard 1/3 --device cpu)
expect_ok("re-run of shard 1")
file(TIMESTAMP "${s0}" after "%s")
if(NOT before STREQUAL after)
  fail("re-running shard 1 rewrote shard 0's cell ${s0}")
endif()
file(REMOVE_RECURSE "${WORK}/merged2")
cli(grid merge --out ${WORK}/merged2 ${WORK}/shared ${WORK}/other)
expect_ok("merge after the re-run")
compare_trees("${WORK}/single" "${WORK}/merged2" "merge after a re-run shard")

# Merges that must be refused.
cli(grid merge --out ${WORK}/m-missing ${WORK}/shared)
expect_refusal("merge without shard 2" "2 of 8 cells are in no shard")
cli(grid merge --out ${WORK}/m-twice ${WORK}/shared ${WORK}/other ${WORK}/other)
expect_refusal("a shard passed twice" "passed twice")
file(WRITE "${WORK}/grid2.json" [=[{"concepts": ["dress"], "conditions": ["city"], "steps": 2}]=])
cli(grid --spec ${WORK}/grid2.json --out ${WORK}/foreign --shard 0/1 --device cpu)
cli(grid --spec ${WORK}/grid2.json --out ${WORK}/foreign2 --shard 0/2 --device cpu)
cli(grid merge --out ${WORK}/m-foreign ${WORK}/other ${WORK}/foreign2)
expect_refusal("shards of two specs" "another grid spec")
cli(grid --spec ${WORK}/grid2.json --out ${WORK}/shared --shard 0/3 --device cpu)
expect_refusal("a folder of another spec" "holds a grid of another spec")

# Broken specs and shard arguments: one line each, naming the file or flag.
set(n 0)
foreach(bad
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"seeds_per_cel\": 2}|unknown field 'seeds_per_cel'"
    "{\"concepts\": [], \"conditions\": [\"beach\"]}|field 'concepts' must be a list of 1 to 256"
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"steps\": 0}|field 'steps' must be 1..1000"
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"cfg\": 1e999}|number is too large"
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"cfg\": -3}|field .cfg. must be"
    "{\"concepts\": [\"dress\", \"dress\"], \"conditions\": [\"beach\"]}|names 'dress' twice"
    "{\"concepts\": [\"../../etc\"], \"conditions\": [\"beach\"], \"sampler\": \"turbo\"}|field 'sampler'"
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"width\": 100}|multiple of 8"
    "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"loras\": [{\"file\": \"x\", \"scale\": \"big\"}]}|field 'scale'"
    "\"a dress\"|a grid spec is a JSON object"
    "{\"concepts\": |syntax error")
  string(REPLACE "|" ";" parts "${bad}")
  list(GET parts 0 body)
  list(GET parts 1 pattern)
  math(EXPR n "${n} + 1")
  file(WRITE "${WORK}/bad${n}.json" "${body}")
  cli(grid --spec ${WORK}/bad${n}.json --out ${WORK}/bad-out --device cpu)
  expect_refusal("bad spec ${n}" "bad${n}.json: .*${pattern}")
endforeach()
cli(grid --spec ${WORK}/grid.json --out ${WORK}/x --shard 3/3 --device cpu)
expect_refusal("--shard 3/3" "--shard '3/3'")
cli(grid --spec ${WORK}/grid.json --out ${WORK}/x --device cpu ENV SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=3)
expect_refusal("Slurm task outside the array" "Slurm array task 5")
# A concept name never becomes a path outside the grid folder.
file(WRITE "${WORK}/evil.json" [=[{"concepts": ["../../escape"], "conditions": ["/etc/passwd"], "steps": 1}]=])
cli(grid --spec ${WORK}/evil.json --out ${WORK}/evil --device cpu)
expect_ok("a spec with path-like names")
file(GLOB_RECURSE evil RELATIVE "${WORK}" "${WORK}/*escape*")
foreach(f IN LISTS evil)
  if(NOT f MATCHES "^evil/cells/[^/]+\\.png$")
    fail("a concept name became a path: ${f}")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "grid shards:${failures}")
endif()
message(STATUS "grid as a job: shards merge byte-identical, re-runs and refusals as expected")
