# Brand kit x copy sheet through the CLI: the full cross product for every preset, names and A/B ids in
# the manifest, Meta's bulk-import sheet, WebP within each budget, and broken kits or sheets refused
# with one line naming the file and the field or line.
#   cmake -DCLI=... -DREFDATA=... -DWORK=... -P brand_export.cmake
set(failures "")
macro(fail msg)
  set(failures "${failures}\n  ${msg}")
endmacro()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/in")
# Two approved pictures (the edit reference picture, one with its product mask) and a logo.
file(COPY_FILE "${REFDATA}/edit/init_image.png" "${WORK}/in/jacket.png")
file(COPY_FILE "${REFDATA}/edit/mask.png" "${WORK}/in/jacket.mask.png")
file(COPY_FILE "${REFDATA}/edit/init_image.png" "${WORK}/in/shirt.png")
file(COPY_FILE "${REFDATA}/edit/mask.png" "${WORK}/logo.png")
file(WRITE "${WORK}/kit.json" [=[{"name": "Acme", "logo": "logo.png",
  "colors": {"accent": "#F6B93B", "dark": "#111111", "light": "#FFFFFF"},
  "headline": {"color": "light", "max_lines": 2}, "cta": {"color": "dark", "fill": "accent"}}]=])
# German and Spanish copy, quoted commas (the BOM and CRLF of spreadsheet exports: test_brand_layout).
file(WRITE "${WORK}/copy.csv" "id,headline,cta,badge,locale\n"
  "de,\"Sommerschlussverkauf: Größe zählt, Qualität auch\",Jetzt kaufen,-30 %,de-DE\n"
  "es,\"¡Diseño de año nuevo!\",Comprar ahora,49 €,es-ES\n")

set(presets meta-story,meta-square,gdn-300x250,gdn-728x90,linkedin-landscape)
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/out --presets ${presets}
                        --brand ${WORK}/kit.json --copy ${WORK}/copy.csv
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 0)
  fail("export with kit and copy: exit ${rc}: ${err}")
endif()
file(GLOB_RECURSE files RELATIVE "${WORK}/out" "${WORK}/out/*.png" "${WORK}/out/*.jpg")
list(LENGTH files n)
# 2 pictures x 2 copy rows x 5 placements
if(NOT n EQUAL 20)
  fail("expected 20 files (2 pictures x 2 copy rows x 5 placements), found ${n}: ${files}")
endif()
foreach(id de es)
  foreach(p meta-story meta-square gdn-300x250 gdn-728x90 linkedin-landscape)
    foreach(pic jacket shirt)
      set(hit "")
      foreach(f IN LISTS files)
        if(f MATCHES "${pic}.*_${id}_${p}_")
          set(hit "${f}")
        endif()
      endforeach()
      if(NOT hit)
        fail("no file for ${pic} x copy '${id}' x ${p}")
      endif()
    endforeach()
  endforeach()
endforeach()
file(STRINGS "${WORK}/out/manifest.csv" rows ENCODING UTF-8)
list(LENGTH rows nrows)
list(GET rows 0 header)
if(NOT nrows EQUAL 21 OR NOT header MATCHES "ab_id,copy_id,headline,cta,badge,locale")
  fail("manifest.csv: ${nrows} lines, header '${header}'")
endif()
file(READ "${WORK}/out/manifest.csv" csv)
if(NOT csv MATCHES "A-de" OR NOT csv MATCHES "A-es" OR NOT csv MATCHES "Größe")
  fail("manifest.csv lacks A/B ids or the German copy")
endif()
file(STRINGS "${WORK}/out/meta_bulk_import.csv" meta ENCODING UTF-8)
list(LENGTH meta nmeta)
list(GET meta 0 mh)
# 2 pictures x 2 rows x 2 Meta placements + header
if(NOT nmeta EQUAL 9 OR NOT mh STREQUAL "Ad Name,Title,Call to Action,Image File Name")
  fail("meta_bulk_import.csv: ${nmeta} lines, header '${mh}'")
endif()

# WebP under Google Display's 150 KB budget.
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/webp --presets google-display --format webp
                        --brand ${WORK}/kit.json --copy ${WORK}/copy.csv --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 0)
  fail("webp export: exit ${rc}: ${err}")
endif()
file(GLOB_RECURSE webps "${WORK}/webp/*.webp")
list(LENGTH webps nw)
if(nw LESS 36)
  fail("expected 2 x 2 x 9 WebP files, found ${nw}")
endif()
foreach(f IN LISTS webps)
  file(SIZE "${f}" size)
  file(READ "${f}" head LIMIT 4 HEX)
  if(size GREATER 153600 OR NOT head STREQUAL "52494646")
    fail("${f}: ${size} bytes, starts '${head}' (WebP within 150 KB expected)")
  endif()
endforeach()

# An SVG logo (rasterised by Qt SVG; the CLI has no display).
file(WRITE "${WORK}/logo.svg" [=[<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect x="2" y="2" width="36" height="36" rx="8" fill="#0A3D62"/><text x="46" y="30" font-size="24" fill="#0A3D62">Acme</text></svg>]=])
file(WRITE "${WORK}/svgkit.json" [=[{"name": "Acme", "logo": "logo.svg"}]=])
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/svg --presets meta-square --brand ${WORK}/svgkit.json --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
if(NOT rc EQUAL 0 OR NOT out MATCHES "meta-square")
  fail("export with an SVG logo: exit ${rc}: ${err}")
endif()
file(READ "${WORK}/svg/manifest.json" svgman)
if(NOT svgman MATCHES "\"files\"")
  fail("export with an SVG logo wrote no manifest")
endif()
file(WRITE "${WORK}/broken.svg" "<svg xmlns=")
file(WRITE "${WORK}/brokensvg.json" [=[{"logo": "broken.svg"}]=])

# Broken kits and sheets: exit 1, one line naming the file and the field or line.
function(refused needle)
  execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/bad --presets meta-square ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  string(REGEX MATCHALL "\n" nl "${err}")
  list(LENGTH nl lines)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "${needle}" OR lines GREATER 1)
    set(failures "${failures}\n  ${ARGN}: exit ${rc}, stderr '${err}' (expected 1 line with '${needle}')" PARENT_SCOPE)
  endif()
endfunction()
file(WRITE "${WORK}/nologo.json" [=[{"logo": "gone.png"}]=])
refused("nologo.json: logo: .*gone.png' does not exist" --brand ${WORK}/nologo.json)
file(WRITE "${WORK}/badcolor.json" [=[{"cta": {"fill": "orange-ish"}}]=])
refused("badcolor.json: cta.fill" --brand ${WORK}/badcolor.json)
file(WRITE "${WORK}/trunc.json" [=[{"name": "Acme", "colors": {"a": ]=])
refused("trunc.json: not valid JSON" --brand ${WORK}/trunc.json)
file(WRITE "${WORK}/open.csv" "headline,cta\n\"never closed,Shop\n")
refused("open.csv: line 2: a quoted field is not closed" --copy ${WORK}/open.csv)
file(WRITE "${WORK}/nohead.csv" "title,cta\nHello,Shop\n")
refused("nohead.csv: line 1: no 'headline' column" --copy ${WORK}/nohead.csv)
refused("missing.csv" --copy ${WORK}/missing.csv)
file(WRITE "${WORK}/fakelogo.png" "not a picture")
file(WRITE "${WORK}/fakelogo.json" [=[{"logo": "fakelogo.png"}]=])
refused("fakelogo.png" --brand ${WORK}/fakelogo.json)
refused("broken.svg: not a readable SVG" --brand ${WORK}/brokensvg.json)
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/bad --format gif RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--format")
  fail("--format gif: exit ${rc}: ${err}")
endif()

# Outpainting the canvas a reframe adds, with the tiny reference model: the manifest says which files were
# generated; a bad mode is a usage error, a missing LoRA one line naming it before anything is written.
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/outpaint --presets meta-story,linkedin-landscape
                        --extend outpaint --model ${REFDATA} --device cpu --outpaint-steps 2 --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 0)
  fail("export --extend outpaint: exit ${rc}: ${err}")
else()
  file(READ "${WORK}/outpaint/manifest.json" man)
  string(REGEX MATCHALL "\"canvas_fill\": \"outpaint\"" generated "${man}")
  string(REGEX MATCHALL "\"canvas_fill\": \"blur\"" blurred "${man}")
  list(LENGTH generated ng)
  list(LENGTH blurred nb)
  if(ng LESS 1 OR nb GREATER 0)
    fail("export --extend outpaint: ${ng} files outpainted, ${nb} blurred (manifest.json)")
  endif()
endif()
execute_process(COMMAND ${CLI} export --in ${WORK}/in --out ${WORK}/bad --extend sideways RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--extend: 'blur', 'mirror' or 'outpaint'")
  fail("--extend sideways: exit ${rc}: ${err}")
endif()
refused("gone.safetensors: LoRA not found" --extend outpaint --model ${REFDATA} --lora ${WORK}/gone.safetensors)

if(failures)
  message(FATAL_ERROR "brand export:${failures}")
endif()
message(STATUS "brand export: 20 branded files, 36 WebP within budget, broken kits and sheets refused, outpainting")
