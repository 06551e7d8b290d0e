# advariant-cli demo end to end on the embedded model with its defaults: dataset,
# pairs, LoRA fine-tune (700 steps, about 3-4 minutes on 2 cores), variant grid,
# export. Checks the adherence targets of the embedded model (issue #3) as the
# judge measures them, and that every stage wrote its output.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${CLI} demo --out "${OUT}" --json --presets google-display
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "demo failed (${rc}):\n${out}\n${err}")
endif()
file(READ "${OUT}/summary.json" s)
string(JSON base_cat GET "${s}" adherence_base category_accuracy)
string(JSON base_bg GET "${s}" adherence_base background_accuracy)
string(JSON lora_bg GET "${s}" adherence_lora background_accuracy)
string(JSON lora_cat GET "${s}" adherence_lora category_accuracy)
string(JSON images GET "${s}" adherence_lora images)
string(JSON base_fc GET "${s}" adherence_base background_forced_choice)
string(JSON lora_fc GET "${s}" adherence_lora background_forced_choice)
string(JSON lora_steps GET "${s}" lora steps)
string(JSON files GET "${s}" export files)
string(JSON cells GET "${s}" grid cells)
message(STATUS "base: category ${base_cat} background ${base_bg} (forced ${base_fc}); "
               "LoRA (${lora_steps} steps): category ${lora_cat} background ${lora_bg} (forced ${lora_fc}), ${images} images")
if(base_cat LESS 0.8)
  message(FATAL_ERROR "the embedded model's category adherence is ${base_cat} (>= 0.8 expected)")
endif()
if(base_bg GREATER 0.5)
  message(FATAL_ERROR "the base model already draws the backgrounds (${base_bg}): it never saw them")
endif()
# It never saw the backgrounds: choosing among beach, space and city it is at chance (1/3).
if(base_fc LESS 0.2 OR base_fc GREATER 0.5)
  message(FATAL_ERROR "the base model's forced choice among the backgrounds is ${base_fc}, not near chance (1/3)")
endif()
# After the demo's LoRA (measured on the development VM: category 0.885, background 0.917; 0.885 / 0.906 with
# another training seed).
if(lora_bg LESS 0.85 OR lora_cat LESS 0.8)
  message(FATAL_ERROR "after the LoRA demo: category ${lora_cat} (>= 0.8 expected), background ${lora_bg} "
                      "(>= 0.85 expected)")
endif()
if(NOT lora_steps EQUAL 700 OR NOT images EQUAL 96 OR NOT cells EQUAL 12 OR files LESS 12)
  message(FATAL_ERROR "LoRA steps ${lora_steps}, grid cells ${cells}, exported files ${files}")
endif()
foreach(f summary.md grid_base.png grid_lora.png grid_compare.png pairs/manifest.jsonl lora/lora.safetensors
          export/manifest.csv variants/dress_beach_seed1.png)
  if(NOT EXISTS "${OUT}/${f}")
    message(FATAL_ERROR "demo did not write ${f}")
  endif()
endforeach()
# The product-kept grid: the dataset's own garments, pixel for pixel, only the backdrop generated.
string(JSON pg_cells GET "${s}" product_grid cells)
string(JSON pg_diff GET "${s}" product_grid max_exact_diff)
string(JSON pg_bg GET "${s}" product_grid background_adherence)
message(STATUS "product-kept grid: ${pg_cells} cells, background adherence ${pg_bg}, largest pixel difference ${pg_diff}")
if(NOT pg_cells EQUAL 12 OR NOT pg_diff EQUAL 0)
  message(FATAL_ERROR "product-kept grid: ${pg_cells} cells (12 expected), largest pixel difference ${pg_diff} (0 expected)")
endif()
# Without a negative prompt 0.77-0.83 over 48 judged images (a city behind a large garment was judged "studio");
# with the product shot's default negative prompt ("in the studio") 0.96 (48 images) and 0.95 (96, other seeds).
# The goal is 0.9; the floor leaves room for the LoRA's run-to-run spread.
if(pg_bg LESS 0.8)
  message(FATAL_ERROR "product-kept grid: background adherence ${pg_bg} (>= 0.8 expected)")
endif()
if(NOT EXISTS "${OUT}/grid_product.png")
  message(FATAL_ERROR "demo did not write grid_product.png")
endif()
