# advariant-cli demo end to end on the embedded model: dataset, pairs, LoRA
# fine-tune, variant grid, export (a shortened fine-tune, to keep CI quick).
# Checks the base model's adherence the judge measured and that every stage
# wrote its output.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${CLI} demo --out "${OUT}" --json --lora-steps 150 --eval-seeds 4 --presets google-display
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "demo failed (${rc}):\n${out}\n${err}")
endif()
file(READ "${OUT}/summary.json" s)
string(JSON base_cat GET "${s}" adherence_base category_accuracy)
string(JSON base_bg GET "${s}" adherence_base background_accuracy)
string(JSON lora_bg GET "${s}" adherence_lora background_accuracy)
string(JSON base_fc GET "${s}" adherence_base background_forced_choice)
string(JSON lora_fc GET "${s}" adherence_lora background_forced_choice)
string(JSON lora_steps GET "${s}" lora steps)
string(JSON files GET "${s}" export files)
string(JSON cells GET "${s}" grid cells)
message(STATUS "base: category ${base_cat} background ${base_bg} (forced ${base_fc}); "
               "LoRA (${lora_steps} steps): background ${lora_bg} (forced ${lora_fc})")
if(base_cat LESS 0.8)
  message(FATAL_ERROR "the embedded model's category adherence is ${base_cat} (>= 0.8 expected)")
endif()
if(base_bg GREATER 0.5)
  message(FATAL_ERROR "the base model already draws the backgrounds (${base_bg}): it never saw them")
endif()
# Even the shortened fine-tune makes the condition words decide the backdrop (measured at 150 steps:
# forced choice 0.375 -> 0.58, background 0.10 -> 0.31; 100 steps gave only 0.5 once the demo's garments
# grew to 0.85 of the pair's height, leaving less backdrop to learn from); a LoRA deaf to them stays at chance.
if(NOT lora_fc GREATER 0.5 OR NOT base_fc LESS 0.5 OR lora_bg LESS_EQUAL base_bg)
  message(FATAL_ERROR "the LoRA did not teach the backgrounds: forced choice ${base_fc} -> ${lora_fc}, "
                      "background ${base_bg} -> ${lora_bg}")
endif()
if(NOT lora_steps EQUAL 150 OR NOT cells EQUAL 12 OR files LESS 12)
  message(FATAL_ERROR "LoRA steps ${lora_steps}, grid cells ${cells}, exported files ${files}")
endif()
foreach(f summary.md grid_base.png grid_lora.png grid_compare.png pairs/manifest.jsonl lora/lora.safetensors
          export/manifest.csv variants/dress_beach_seed1.png)
  if(NOT EXISTS "${OUT}/${f}")
    message(FATAL_ERROR "demo did not write ${f}")
  endif()
endforeach()
